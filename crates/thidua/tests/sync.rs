//! The sync API of `thidua serve`, against a real SQLite file and a real PostgreSQL server: publish,
//! join, sync, who may write what, bad requests, skewed clocks, retries, and a server killed in the
//! middle of syncing. Devices are the core's, as in the app: each keeps its copy, pushes its part and
//! applies what the server sends back with `bundle::apply`.

mod common;

use common::bloc::{Dev, HOUR, T0};
use common::devices::*;
use common::server::{databases, get, post, post_raw, post_too_large, Db, Server};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use thidua_core::bundle::{Bundle, Producer, Scope};
use thidua_core::edit::{Actor, Edit};

#[test]
fn publish_join_and_sync_converge_on_both_databases() {
    for db in databases() {
        let s = Server::start(&db, &[]);
        let (mut leader, mut units) = bloc_on(&s, "converge", &["CTK", "SNGV"]);

        // Whom each credential stands for.
        let who = get(&s.url("/api/v1/session"), Some(&units["CTK"].token)).expect("answer");
        assert_eq!(who.status, 200);
        assert_eq!(who.body["role"], json!({"as": "unit", "unit": "CTK"}));
        assert_eq!(who.body["campaign_id"], json!(leader.dev.c.id));

        // Two units score, each on its own device; the leader reviews.
        let ctk = units.get_mut("CTK").unwrap();
        self_score(ctk, "A.1", "8,5", T0 + HOUR);
        let r = ctk.sync(&s);
        assert_eq!((r.status, r.body["accepted_changes"].as_bool()), (200, Some(true)), "{:?}", r.body);
        let sngv = units.get_mut("SNGV").unwrap();
        self_score(sngv, "A.1", "7", T0 + 2 * HOUR);
        assert_eq!(sngv.sync(&s).status, 200);
        let ctk = units.get_mut("CTK").unwrap();
        ctk.dev.edit(T0 + 2 * HOUR, Edit::Submit { unit: "CTK".into(), date: "10/12/2024".into() });
        assert_eq!(ctk.sync(&s).status, 200);
        assert_eq!(leader.sync(&s).status, 200);
        assert_eq!(self_answer(&leader.dev.c, "CTK", "A.1"), Some(pts("8.5")));
        assert_eq!(self_answer(&leader.dev.c, "SNGV", "A.1"), Some(pts("7")));
        leader.dev.edit(
            T0 + 3 * HOUR,
            Edit::SetReview { unit: "CTK".into(), criterion: "A.1".into(), answer: Some(pts("8")), reason: "thiếu minh chứng".into() },
        );
        assert_eq!(leader.sync(&s).status, 200);
        for d in units.values_mut() {
            assert_eq!(d.sync(&s).status, 200);
        }
        for d in units.values() {
            assert_eq!(bundle_state(&d.dev.c), bundle_state(&leader.dev.c), "every device has the same campaign");
        }

        // Syncing again changes nothing, and says so without sending the campaign again.
        let version = leader.since;
        let again = leader.sync(&s);
        assert_eq!(again.body["accepted_changes"], json!(false));
        assert!(again.body["pull"].is_null(), "nothing to pull: {:?}", again.body);
        assert_eq!(leader.since, version);
    }
}

#[test]
fn retried_duplicated_and_reordered_pushes_change_nothing_twice() {
    for db in databases() {
        let s = Server::start(&db, &[]);
        let (_leader, mut units) = bloc_on(&s, "retry", &["CTK"]);
        let d = units.get_mut("CTK").unwrap();
        self_score(d, "A.1", "5", T0 + HOUR);
        let old = d.push(now());
        self_score(d, "A.1", "9", T0 + 2 * HOUR);
        let new = d.push(now());
        let url = s.url("/api/v1/sync");
        let send = |b: &Bundle, since: Option<u64>| post(&url, Some(&d.token), &json!({"since": since, "push": b})).expect("answer");
        let first = send(&new, None);
        assert_eq!(first.status, 200);
        let v = first.body["version"].as_u64();
        // The same request again (a retry after a lost answer), then the older one arriving late.
        for (b, label) in [(&new, "duplicate"), (&old, "older, late")] {
            let r = send(b, v);
            assert_eq!(r.status, 200, "{label}: {:?}", r.body);
            assert_eq!(r.body["accepted_changes"], json!(false), "{label}");
            assert_eq!(r.body["version"].as_u64(), v, "{label}");
        }
        let latest = send(&new, None);
        let b = Bundle::from_json(&latest.body["pull"].to_string()).expect("pull");
        assert_eq!(self_answer(&b.content, "CTK", "A.1"), Some(pts("9")));
    }
}

#[test]
fn no_credential_no_data_and_units_write_only_their_own() {
    for db in databases() {
        // Enough allowance for the wrong credentials tried here (the flood test checks the limit).
        let s = Server::start(&db, &["--rate-burst", "1000"]);
        let (leader, units) = bloc_on(&s, "auth", &["CTK", "SNGV"]);
        let sync_url = s.url("/api/v1/sync");
        let empty = json!({"since": null});

        // No credential, a wrong one: nothing, and a JSON reason.
        for token in [None, Some("AAAA-BBBB-CCCC-DDDD"), Some("")] {
            for r in [get(&s.url("/api/v1/session"), token).unwrap(), post(&sync_url, token, &empty).unwrap()] {
                assert_eq!(r.status, 401, "{token:?}: {:?}", r.body);
                assert_eq!(error_code(&r), "unauthorized");
                assert!(r.body["error"]["vi"].as_str().unwrap_or("").contains("mã"));
                assert!(r.body.get("pull").is_none());
            }
        }

        let ctk = &units["CTK"];
        let send = |token: &str, b: &Bundle| post(&sync_url, Some(token), &json!({"push": b})).unwrap();

        // CTK's code pushing in the leader's name, or SNGV's part, or the whole campaign.
        let mut as_leader = ctk.dev.bundle(Scope::Whole, now());
        as_leader = Bundle::new(&as_leader.content, Producer { actor: Actor::Leader, ..as_leader.producer }, Scope::Whole, now());
        let r = send(&ctk.token, &as_leader);
        assert_eq!((r.status, error_code(&r)), (403, "forbidden"), "{:?}", r.body);
        let mut sngv_dev = Dev::from(&ctk.dev.c, "fake", Actor::Unit("SNGV".into()), "SNGV");
        sngv_dev.edit(T0 + HOUR, Edit::SetSelf { unit: "SNGV".into(), criterion: "A.1".into(), answer: Some(pts("1")) });
        let r = send(&ctk.token, &sngv_dev.own_bundle(now()));
        assert_eq!(r.status, 403, "{:?}", r.body);

        // CTK's own part carrying SNGV's score or the leader's settings: refused, nothing stored.
        // (Made with the core's own edits, as SNGV and as the leader, on CTK's copy.)
        let mut forger = Dev::from(&ctk.dev.c, "ctk-pc", Actor::Unit("SNGV".into()), "CTK");
        forger.edit(T0 + HOUR, Edit::SetSelf { unit: "SNGV".into(), criterion: "A.1".into(), answer: Some(pts("1")) });
        forger.actor = Actor::Leader;
        forger.edit(T0 + HOUR, Edit::LockResults { locked: true });
        let forged = Bundle::new(
            &forger.c,
            Producer { replica: "ctk-pc".into(), actor: Actor::Unit("CTK".into()), label: "CTK".into() },
            Scope::Unit("CTK".into()),
            now(),
        );
        let r = send(&ctk.token, &forged);
        assert_eq!((r.status, error_code(&r)), (422, "refused"), "{:?}", r.body);
        let pulled = post(&sync_url, Some(&leader.token), &empty).unwrap();
        let b = Bundle::from_json(&pulled.body["pull"].to_string()).unwrap();
        assert_eq!(self_answer(&b.content, "SNGV", "A.1"), self_answer(&leader.dev.c, "SNGV", "A.1"));
        assert!(!b.content.results_locked.value);

        // Only the leader reissues codes; a reissued code replaces the old one.
        let r = post(&s.url("/api/v1/codes/CTK"), Some(&ctk.token), &json!({})).unwrap();
        assert_eq!(r.status, 403);
        let r = post(&s.url("/api/v1/codes/NOPE"), Some(&leader.token), &json!({})).unwrap();
        assert_eq!((r.status, error_code(&r)), (404, "no_such_unit"));
        let r = post(&s.url("/api/v1/codes/CTK"), Some(&leader.token), &json!({})).unwrap();
        assert_eq!(r.status, 200);
        let new_code = r.body["code"].as_str().unwrap().to_string();
        assert_eq!(get(&s.url("/api/v1/session"), Some(&ctk.token)).unwrap().status, 401, "the old code stops working");
        assert_eq!(get(&s.url("/api/v1/session"), Some(&new_code.to_lowercase())).unwrap().status, 200, "codes read as typed");

        // Publishing the same campaign again is refused: the leader syncs instead.
        let r = publish(&s, &leader.dev);
        assert_eq!((r.status, error_code(&r)), (409, "exists"));
    }
}

#[test]
fn bad_requests_get_clear_json_errors() {
    let db = Db::sqlite();
    let s = Server::start(&db, &["--max-body-mib", "1"]);
    let (leader, _) = bloc_on(&s, "bad", &[]);
    let url = s.url("/api/v1/sync");
    let cases: Vec<(&str, String, u16, &str)> = vec![
        ("not JSON", "{\"since\": ".into(), 400, "bad_json"),
        ("since not a number", "{\"since\": \"x\"}".into(), 400, "bad_since"),
        ("not a bundle", "{\"push\": {\"format\": \"zip\"}}".into(), 400, "bad_bundle"),
        ("too large", format!("{{\"x\": \"{}\"}}", "a".repeat(2 * 1024 * 1024)), 413, "too_large"),
    ];
    for (label, body, status, code) in cases {
        // Refused before it is all read: sent so that the answer is read whatever the timing.
        let r = if code == "too_large" {
            post_too_large(&s.addr, "/api/v1/sync", Some(&leader.token), &body)
        } else {
            post_raw(&url, Some(&leader.token), &body)
        }
        .unwrap_or_else(|e| panic!("{label}: no answer: {e}"));
        assert_eq!((r.status, error_code(&r)), (status, code), "{label}: {:?}", r.body);
        assert!(!r.body["error"]["vi"].as_str().unwrap_or("").is_empty(), "{label}: a message");
    }
    // A bundle whose content was changed after its checksum.
    let mut v: Value = serde_json::from_str(&leader.dev.bundle(Scope::Whole, now()).to_json()).unwrap();
    v["content"]["bloc"]["value"]["name"] = json!("Khối giả");
    let r = post(&url, Some(&leader.token), &json!({"push": v})).unwrap();
    assert_eq!((r.status, error_code(&r)), (400, "bad_bundle"));
    assert!(r.body["error"]["vi"].as_str().unwrap().contains("mã kiểm tra"), "{:?}", r.body);
    // Unknown API paths are JSON 404s too.
    let r = get(&s.url("/api/v1/nothing"), None).unwrap();
    assert_eq!(r.status, 404);
}

#[test]
fn a_flood_from_one_client_is_limited_and_others_still_served() {
    let db = Db::sqlite();
    let s = Server::start(&db, &["--rate-per-minute", "60", "--rate-burst", "5"]);
    let (leader, units) = bloc_on(&s, "flood", &["CTK"]);
    let url = s.url("/api/v1/session");
    let mut limited = None;
    for _ in 0..30 {
        let r = get(&url, Some(&leader.token)).unwrap();
        if r.status == 429 {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("the flood is limited");
    assert_eq!(error_code(&r), "rate_limited");
    assert!(r.retry_after.is_some(), "Retry-After tells when to come back");
    assert_eq!(get(&url, Some(&units["CTK"].token)).unwrap().status, 200, "another credential is still served");
    // Guessing codes: a handful of wrong ones and the address must wait.
    let mut statuses = vec![];
    for i in 0..5 {
        statuses.push(get(&url, Some(&format!("WRONG-{i}"))).unwrap().status);
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

#[test]
fn skewed_clocks_within_a_week_sync_and_lose_nothing_beyond_are_refused() {
    for db in databases() {
        let s = Server::start(&db, &[]);
        let (mut leader, mut units) = bloc_on(&s, "skew", &["CTK"]);
        let d = units.get_mut("CTK").unwrap();
        // Ten days ahead: refused with a reason, nothing stored.
        let mut far = Dev::from(&d.dev.c.clone(), "far-pc", Actor::Unit("CTK".into()), "CTK");
        far.edit(now() + 10 * DAY, Edit::SetSelf { unit: "CTK".into(), criterion: "A.3".into(), answer: Some(pts("9")) });
        let r = post(&s.url("/api/v1/sync"), Some(&d.token), &json!({"push": far.own_bundle(now())})).unwrap();
        assert_eq!((r.status, error_code(&r)), (422, "refused"), "{:?}", r.body);
        assert!(r.body["error"]["vi"].as_str().unwrap().contains("ngày sau"), "{:?}", r.body);
        // The unit's clock is three days ahead; the leader's is right. Having synced the unit's
        // writes, the leader's clock (hybrid logical) stamps its review after them anyway, so the
        // review the leader makes later is the one that stands everywhere.
        let ahead = now() + 3 * DAY;
        self_score(d, "A.3", "6", ahead);
        d.dev.edit(ahead + 1, Edit::Submit { unit: "CTK".into(), date: "10/12/2024".into() });
        assert_eq!(d.sync(&s).status, 200);
        assert_eq!(leader.sync(&s).status, 200);
        leader.dev.edit(
            now(),
            Edit::SetReview { unit: "CTK".into(), criterion: "A.3".into(), answer: Some(pts("5")), reason: "kiểm tra lại".into() },
        );
        assert_eq!(leader.sync(&s).status, 200);
        assert_eq!(d.sync(&s).status, 200);
        let review = d.dev.c.inputs["CTK"]["A.3"].review.value.clone();
        assert_eq!(review, Some(pts("5")), "the leader's later review reached the unit");
        assert_eq!(self_answer(&d.dev.c, "CTK", "A.3"), Some(pts("6")));

        assert_eq!(leader.sync(&s).status, 200);
        assert_eq!(self_answer(&leader.dev.c, "CTK", "A.3"), Some(pts("6")), "the refused 9 was never stored");
    }
}

/// Units keep editing and syncing while the server is killed (SIGKILL) and restarted again and
/// again; a device retries until its sync is answered. At the end the server has every unit's last
/// value of every criterion it wrote, and every device converges to the same state.
#[test]
fn a_server_killed_mid_sync_loses_nothing() {
    for db in databases() {
        let mut s = Server::start(&db, &["--rate-per-minute", "0"]);
        let codes = ["CTK", "SNGV", "KBNN", "SKHDT"];
        let (mut leader, units) = bloc_on(&s, "kill", &codes);
        // Criteria that take any number from 0 to 9.
        let criteria: Vec<String> = ["A.1", "A.3", "A.4"].iter().map(|c| c.to_string()).collect();
        let addr = s.url("");
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let workers: Vec<_> = units
            .into_values()
            .enumerate()
            .map(|(i, mut d)| {
                let criteria = criteria.clone();
                let addr = addr.clone();
                std::thread::spawn(move || {
                    let code = match &d.dev.actor { Actor::Unit(u) => u.clone(), _ => unreachable!() };
                    let mut written = BTreeMap::new();
                    for round in 0..12u32 {
                        for (k, crit) in criteria.iter().enumerate() {
                            if (k + round as usize + i).is_multiple_of(3) {
                                let v = format!("{}", (round + k as u32 + i as u32) % 10);
                                self_score(&mut d, crit, &v, T0 + u64::from(round) * HOUR + k as u64);
                                written.insert(crit.clone(), v);
                            }
                        }
                        sync_until_answered(&mut d, &addr);
                    }
                    (code, written, d)
                })
            })
            .collect();
        // Kill and restart while they work.
        let killer_stop = stop.clone();
        let mut kills = 0;
        while !workers.iter().all(|w| w.is_finished()) && kills < 40 {
            std::thread::sleep(std::time::Duration::from_millis(150 + (kills % 3) * 70));
            s.restart();
            kills += 1;
        }
        killer_stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let results: Vec<_> = workers.into_iter().map(|w| w.join().expect("worker")).collect();
        assert!(kills >= 3, "the server was killed {kills} times");
        sync_until_answered(&mut leader, &addr);
        for (code, written, _) in &results {
            for (crit, v) in written {
                assert_eq!(self_answer(&leader.dev.c, code, crit), Some(pts(v)), "{code} {crit}");
            }
        }
        for (_, _, mut d) in results {
            sync_until_answered(&mut d, &addr);
            assert_eq!(bundle_state(&d.dev.c), bundle_state(&leader.dev.c));
        }
    }
}

/// Two servers on one database, each keeping the campaigns it reads in memory: what one stores, the
/// other serves at once (it reads a campaign again when the database holds another version than
/// its copy), and neither overwrites the other's merge, one push at a time or many at once.
#[test]
fn two_servers_on_one_database_serve_each_others_writes() {
    for db in databases() {
        let a = Server::start(&db, &["--rate-per-minute", "0"]);
        let b = Server::start(&db, &["--rate-per-minute", "0"]);
        let codes = ["CTK", "SNGV", "KBNN"];
        let (mut leader, mut units) = bloc_on(&a, "twoservers", &codes);
        // Both hold the campaign in memory now; then each write on one makes the other's copy old.
        for d in units.values_mut() {
            assert_eq!(d.sync(&b).status, 200);
        }
        for round in 1..=4u64 {
            let (here, there) = if round % 2 == 1 { (&a, &b) } else { (&b, &a) };
            let v = format!("{round}");
            self_score(units.get_mut("CTK").unwrap(), "A.1", &v, T0 + round * HOUR);
            let r = units.get_mut("CTK").unwrap().sync(here);
            assert_eq!((r.status, r.body["accepted_changes"].as_bool()), (200, Some(true)), "{:?}", r.body);
            let sngv = units.get_mut("SNGV").unwrap();
            assert_eq!(sngv.sync(there).status, 200);
            assert_eq!(self_answer(&sngv.dev.c, "CTK", "A.1"), Some(pts(&v)), "round {round}: the other server serves the new value");
        }

        // Every unit pushing through both servers at once.
        let (base_a, base_b) = (a.url(""), b.url(""));
        let workers: Vec<_> = units
            .into_values()
            .enumerate()
            .map(|(i, mut d)| {
                let bases = [base_a.clone(), base_b.clone()];
                std::thread::spawn(move || {
                    let mut written = BTreeMap::new();
                    for round in 0..8u64 {
                        let crit = ["A.3", "A.4"][(round as usize + i) % 2];
                        let v = format!("{}", (round + i as u64) % 10);
                        self_score(&mut d, crit, &v, T0 + (10 + round) * HOUR);
                        written.insert(crit.to_string(), v);
                        sync_until_answered(&mut d, &bases[(round as usize + i) % 2]);
                    }
                    (written, d)
                })
            })
            .collect();
        let results: Vec<_> = workers.into_iter().map(|w| w.join().expect("worker")).collect();
        sync_until_answered(&mut leader, &base_b);
        for (written, d) in &results {
            let Actor::Unit(code) = &d.dev.actor else { unreachable!() };
            for (crit, v) in written {
                assert_eq!(self_answer(&leader.dev.c, code, crit), Some(pts(v)), "{code} {crit}");
            }
        }
        for (_, mut d) in results {
            sync_until_answered(&mut d, &base_a);
            assert_eq!(bundle_state(&d.dev.c), bundle_state(&leader.dev.c));
        }
    }
}

#[test]
fn the_cli_lists_exports_and_reissues_codes() {
    let db = Db::sqlite();
    let s = Server::start(&db, &[]);
    let (leader, units) = bloc_on(&s, "cli", &["CTK"]);
    let id = leader.dev.c.id.clone();
    let url = db.url();
    let run = |args: &[&str]| common::run(common::thidua().arg("campaigns").args(args).arg("--database-url").arg(&url));
    let list = run(&["list"]);
    assert_eq!(list.code, Some(0), "{}", list.all());
    assert!(list.stdout.contains(&id) && list.stdout.contains("Khối VII"), "{}", list.stdout);

    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.json");
    let r = run(&["bundle", &id, "--out", file.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.all());
    let b = Bundle::from_json(&std::fs::read_to_string(&file).unwrap()).expect("a bundle the app reads");
    assert_eq!(b.campaign_id, id);
    let v = common::run(common::thidua().arg("validate").arg(&file));
    assert_eq!(v.code, Some(0), "{}", v.all());

    let r = run(&["code", &id, "CTK"]);
    assert_eq!(r.code, Some(0), "{}", r.all());
    let new_code = r.stdout.trim().split(',').nth(1).unwrap().to_string();
    assert_eq!(get(&s.url("/api/v1/session"), Some(&units["CTK"].token)).unwrap().status, 401);
    assert_eq!(get(&s.url("/api/v1/session"), Some(&new_code)).unwrap().status, 200);
    let r = run(&["code", &id, "NOPE"]);
    assert_eq!(r.code, Some(1), "{}", r.all());
    let r = run(&["bundle", "no-such-campaign", "--out", "-"]);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(r.stderr.contains("no-such-campaign"));
}
