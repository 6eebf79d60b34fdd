//! Devices of the app talking to a real server, for the sync and fault tests: each keeps its copy,
//! pushes its part and applies what the server sends back with `bundle::apply`, as the app does.
#![allow(dead_code)]

use super::bloc::{leader, Dev, HOUR};
use super::server::{post, post_raw, Reply, Server};
use serde_json::json;
use std::collections::BTreeMap;
use thidua_core::bundle::{self, Bundle, Producer, Scope};
use thidua_core::edit::{Actor, Edit};
use thidua_core::merge::max_stamp;
use thidua_core::{Answer, Campaign};

pub const DAY: u64 = 24 * HOUR;

pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

/// A campaign id no other test (or earlier run on the same PostgreSQL) uses.
pub fn unique(tag: &str) -> String {
    format!("{tag}-{}-{}", std::process::id(), now())
}

/// The leader's device with the sample bloc under a fresh id.
pub fn fresh_leader(tag: &str) -> Dev {
    let mut d = leader();
    d.c.id = unique(tag);
    d
}

/// A device of the app: its copy, its credential, the server version it last merged.
pub struct Device {
    pub dev: Dev,
    pub token: String,
    pub since: Option<u64>,
}

impl Device {
    pub fn push(&self, at: u64) -> Bundle {
        let producer = Producer { replica: self.dev.clock.replica.clone(), actor: self.dev.actor.clone(), label: self.dev.label.clone() };
        thidua_core::sync::push_bundle(&self.dev.c, producer, at)
    }

    /// One sync as the app does it; the server's answer.
    pub fn sync(&mut self, s: &Server) -> Reply {
        let body = json!({ "since": self.since, "push": self.push(now()) });
        let r = post(&s.url("/api/v1/sync"), Some(&self.token), &body).expect("the server answers");
        if r.status == 200 {
            self.take(&r);
        }
        r
    }

    /// Applies an answer: the pulled state, then the version.
    pub fn take(&mut self, r: &Reply) {
        if let Some(pull) = r.body.get("pull").filter(|p| !p.is_null()) {
            let b = Bundle::from_json(&pull.to_string()).expect("the server's bundle reads");
            self.dev.c = bundle::apply(&self.dev.c, &b, now()).expect("the server's bundle applies");
            self.dev.clock.observe(&max_stamp(&self.dev.c));
        }
        self.since = r.body["version"].as_u64();
    }
}

pub fn publish(s: &Server, leader: &Dev) -> Reply {
    let b = leader.bundle(Scope::Whole, now());
    post_raw(&s.url("/api/v1/publish"), None, &b.to_json()).expect("the server answers")
}

/// Publishes the leader's campaign and joins the given units (from the leader's copy, each with its
/// own device), all synced once.
pub fn bloc_on(s: &Server, tag: &str, units: &[&str]) -> (Device, BTreeMap<String, Device>) {
    let l = fresh_leader(tag);
    let r = publish(s, &l);
    assert_eq!(r.status, 201, "{:?}", r.body);
    let token = r.body["leader_token"].as_str().expect("leader token").to_string();
    let codes = r.body["codes"].as_object().expect("codes").clone();
    assert_eq!(codes.len(), l.c.active_units().count(), "one code per unit");
    let mut leader = Device { dev: l, token, since: Some(1) };
    let mut devices = BTreeMap::new();
    for (i, code) in units.iter().enumerate() {
        let mut d = Device {
            dev: Dev::from(&Campaign { ..leader.dev.c.clone() }, &format!("{code}-pc"), Actor::Unit(code.to_string()), code),
            token: codes[*code].as_str().expect("code").to_string(),
            since: None,
        };
        // A unit joins with nothing: its first sync pulls the campaign.
        d.dev.c = leader.dev.c.clone();
        let r = d.sync(s);
        assert_eq!(r.status, 200, "{:?}", r.body);
        assert!(d.since.is_some());
        let _ = i;
        devices.insert(code.to_string(), d);
    }
    let r = leader.sync(s);
    assert_eq!(r.status, 200, "{:?}", r.body);
    (leader, devices)
}

pub fn self_score(d: &mut Device, criterion: &str, value: &str, at: u64) {
    let unit = match &d.dev.actor {
        Actor::Unit(u) => u.clone(),
        Actor::Leader => panic!("a unit's device"),
    };
    d.dev.edit(at, Edit::SetSelf { unit, criterion: criterion.into(), answer: Some(pts(value)) });
}

pub fn self_answer(c: &Campaign, unit: &str, criterion: &str) -> Option<Answer> {
    c.inputs.get(unit).and_then(|m| m.get(criterion)).and_then(|e| e.self_answer.value.clone())
}

pub fn pts(text: &str) -> Answer {
    Answer::Number(thidua_core::Points::parse(text).expect("points"))
}

pub fn error_code(r: &Reply) -> &str {
    r.body["code"].as_str().unwrap_or("")
}

/// The campaign without what only says who merged when (the same data, any device).
pub fn bundle_state(c: &Campaign) -> String {
    thidua_core::stored::campaign_to_json(&thidua_core::merge::normalize(c))
}

pub fn sync_until_answered(d: &mut Device, base: &str) {
    for _ in 0..400 {
        let body = json!({ "since": d.since, "push": d.push(now()) });
        match post(&format!("{base}/api/v1/sync"), Some(&d.token), &body) {
            Ok(r) if r.status == 200 => {
                d.take(&r);
                return;
            }
            Ok(r) if r.status == 503 || r.status == 429 => {}
            Ok(r) => panic!("sync refused: {} {:?}", r.status, r.body),
            Err(_) => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("no answer from the server");
}

