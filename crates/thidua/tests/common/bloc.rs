//! The sample bloc's year as devices live it, for the tests of bundles and sync: the sample
//! imported, the leader adopting the scorecard, units self-scoring on their own devices.
#![allow(dead_code)]

use super::samples;
use thidua_core::bundle::{Bundle, Producer, Scope};
use thidua_core::edit::{apply, Actor, Edit};
use thidua_core::hlc::Clock;
use thidua_core::import::{campaign_from_files, SourceFile};
use thidua_core::merge::max_stamp;
use thidua_core::*;

/// 19/02/2025 21:20 UTC: every stamp and creation time of the fixture, in the past of any run.
pub const T0: u64 = 1_740_000_000_000;
pub const HOUR: u64 = 3_600_000;
pub const ID: &str = "khoi-vii-2024";

/// The sample bloc: scorecard and units, and the sample scores when `with_scores`.
pub fn sample(with_scores: bool) -> Campaign {
    let dir = samples();
    let read = |f: &str| std::fs::read(dir.join(f)).expect("read sample");
    let (t, u, s) = (read("template.csv"), read("units.csv"), read("scores.csv"));
    campaign_from_files(
        SourceFile {
            name: "template.csv",
            bytes: &t,
        },
        SourceFile {
            name: "units.csv",
            bytes: &u,
        },
        with_scores.then_some(SourceFile {
            name: "scores.csv",
            bytes: &s,
        }),
    )
    .expect("sample import")
}

/// One device: its copy, its clock, whom it acts for.
pub struct Dev {
    pub c: Campaign,
    pub clock: Clock,
    pub actor: Actor,
    pub label: String,
}

impl Dev {
    /// A device that received `c` (opened the leader's file).
    pub fn from(c: &Campaign, replica: &str, actor: Actor, label: &str) -> Dev {
        let mut clock = Clock::new(replica);
        clock.observe(&max_stamp(c));
        Dev {
            c: c.clone(),
            clock,
            actor,
            label: label.into(),
        }
    }

    pub fn edit(&mut self, now: u64, e: Edit) {
        let s = self.clock.tick(now);
        let actor = self.actor.clone();
        apply(&mut self.c, &actor, e, &s).expect("edit accepted");
    }

    pub fn bundle(&self, scope: Scope, now: u64) -> Bundle {
        let producer = Producer {
            replica: self.clock.replica.clone(),
            actor: self.actor.clone(),
            label: self.label.clone(),
        };
        Bundle::new(&self.c, producer, scope, now)
    }

    /// Its own part, as a unit exports it.
    pub fn own_bundle(&self, now: u64) -> Bundle {
        match &self.actor {
            Actor::Unit(u) => self.bundle(Scope::Unit(u.clone()), now),
            Actor::Leader => self.bundle(Scope::Whole, now),
        }
    }
}

/// The leader's device: the sample bloc imported, named and its scorecard adopted.
pub fn leader() -> Dev {
    let mut c = sample(false);
    c.id = ID.into();
    let mut d = Dev::from(&c, "vpub-pc", Actor::Leader, "Trưởng khối");
    let bloc = BlocInfo {
        name: "Khối VII".into(),
        year: 2024,
        decision_number: "138/QĐ-UBND".into(),
        decision_date: "15/02/2024".into(),
    };
    d.edit(T0, Edit::SetBloc { bloc });
    d.edit(
        T0 + 1,
        Edit::Adopt {
            date: "01/03/2024".into(),
        },
    );
    d
}

/// A unit's device, from the leader's copy, that self-scores every criterion as in the samples'
/// scores.csv, notes its evidence and sets its theme.
pub fn unit(leader: &Campaign, code: &str, replica: &str, at: u64) -> Dev {
    let reference = sample(true);
    let name = leader
        .unit(code)
        .map(|u| u.info.name.clone())
        .expect("unit in the samples");
    let mut d = Dev::from(leader, replica, Actor::Unit(code.into()), &name);
    let entries = reference.inputs.get(code).cloned().unwrap_or_default();
    for (i, (crit, e)) in entries.into_iter().enumerate() {
        if e.self_answer.value.is_some() {
            d.edit(
                at + i as u64,
                Edit::SetSelf {
                    unit: code.into(),
                    criterion: crit,
                    answer: e.self_answer.value.clone(),
                },
            );
        }
    }
    d.edit(
        at + 100,
        Edit::SetNote {
            unit: code.into(),
            criterion: "A.3".into(),
            note: format!("Báo cáo của {code}"),
        },
    );
    d.edit(
        at + 101,
        Edit::SetTheme {
            unit: code.into(),
            theme: format!("Chủ đề của {code}"),
        },
    );
    d
}
