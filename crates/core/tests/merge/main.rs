//! The merge: laws (commutative, associative, idempotent), convergence, and nothing lost, over
//! random edit histories of 2–4 devices with skewed clocks exchanging copies at random (`world`,
//! `laws`); the cases people meet (`cases`: two devices of one unit, a dismissed conflict, a
//! cleared vote, units added on two devices); forged copies (`forged`); the preview held to a
//! comparison of every field (`preview`); the evaluation meeting's minutes (`meeting`).

#[path = "../common.rs"]
mod common;
mod cases;
mod forged;
mod laws;
mod meeting;
mod preview;
mod world;

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::history::{self, RevField, Revision};
use thidua_core::hlc::Clock;
use thidua_core::merge::{self, max_stamp, merge};
use thidua_core::*;

const DAY: i64 = 86_400_000;
const T0: u64 = 1_740_000_000_000;

fn pts(n: i64) -> Points {
    Points::from_whole(n)
}

fn template(variant: u8) -> Template {
    let crit = |id: &str, max: i64, kind: CriterionKind| Criterion { id: id.into(), code: id.into(), title: format!("Tiêu chí {id}"), max: pts(max), kind };
    let a1_max = if variant == 0 { 10 } else { 8 };
    Template {
        sections: vec![
            Section {
                id: "A".into(),
                code: "A".into(),
                title: "Nhiệm vụ".into(),
                kind: SectionKind::Section,
                max: pts(20),
                criteria: vec![crit("A.1", a1_max, CriterionKind::Points), crit("A.2", 5, CriterionKind::YesNo)],
            },
            Section {
                id: "B".into(),
                code: "B".into(),
                title: "Phong trào".into(),
                kind: SectionKind::Section,
                max: pts(10),
                criteria: vec![crit(
                    "B.1",
                    10,
                    CriterionKind::Levels { levels: vec![Level { label: "Tốt".into(), points: pts(10) }, Level { label: "Khá".into(), points: pts(5) }] },
                )],
            },
        ],
    }
}

const UNITS: [&str; 3] = ["L", "U1", "U2"];
const CRITS: [&str; 3] = ["A.1", "A.2", "B.1"];

fn info(name: &str, role: Role) -> UnitInfo {
    UnitInfo { name: name.into(), role, email: String::new() }
}

/// The copy every device starts from, made by edits on a setup device.
fn base() -> Campaign {
    let mut c = Campaign::new("k", BlocInfo { name: "Khối A".into(), year: 2025, ..Default::default() });
    let mut clock = Clock::new("setup");
    let mut t = 1_000;
    let mut ed = |c: &mut Campaign, e: Edit| {
        t += 1;
        apply(c, &Actor::Leader, e, &clock.tick(t)).unwrap();
    };
    ed(&mut c, Edit::PutUnit { code: "L".into(), info: info("Văn phòng", Role::TruongKhoi) });
    ed(&mut c, Edit::PutUnit { code: "U1".into(), info: info("Sở Một", Role::ThanhVien) });
    ed(&mut c, Edit::PutUnit { code: "U2".into(), info: info("Sở Hai", Role::ThanhVien) });
    ed(&mut c, Edit::SetTemplate { template: template(0) });
    ed(&mut c, Edit::Adopt { date: "01/03/2025".into() });
    c
}

fn answer(crit: &str, b: u8) -> Option<Answer> {
    if b.is_multiple_of(7) {
        return None;
    }
    Some(match crit {
        "A.1" => Answer::Number(pts(i64::from(b % 11))),
        "A.2" => Answer::Flag(b.is_multiple_of(2)),
        _ => Answer::Level(if b.is_multiple_of(2) { "Tốt" } else { "Khá" }.into()),
    })
}
