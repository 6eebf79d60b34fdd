//! The server's faults beyond a kill (tests/sync.rs kills it mid-sync): a full disk under SQLite and
//! PostgreSQL restarted in the middle of syncs. The server must stay up, answer clearly, and keep
//! everything it accepted.

mod common;

use common::bloc::{HOUR, T0};
use common::devices::*;
use common::server::{Db, Server};

/// SQLite on a "full disk": the database may not grow (SQLITE_FULL, as when the disk is full).
/// Pushes that need room are refused with a 503 and a reason; what was stored stays readable;
/// once there is room again (restart without the limit) the devices' retries store everything.
#[test]
fn a_full_disk_refuses_new_writes_clearly_and_loses_nothing() {
    let db = Db::sqlite();
    let mut s = Server::start(&db, &["--rate-per-minute", "0"]);
    let (mut leader, mut units) = bloc_on(&s, "full", &["CTK", "SNGV"]);
    // SQLite never shrinks the limit below the database's size: 1 means "not one page more".
    s.env = vec![("THIDUA_TEST_SQLITE_MAX_PAGES".into(), "1".into())];
    s.restart();

    // Every criterion of both units: far more than two pages.
    for (i, d) in units.values_mut().enumerate() {
        for (k, crit) in ["A.1", "A.3", "A.4", "A.5", "B.2", "B.3", "B.4", "C.3", "D.2", "D.3"].iter().enumerate() {
            self_score(d, crit, &format!("{}", (i + k) % 3 + 1), T0 + HOUR + k as u64);
        }
    }
    let mut refused = 0;
    for d in units.values_mut() {
        let r = d.sync(&s);
        match r.status {
            200 => {}
            503 => {
                refused += 1;
                assert_eq!(error_code(&r), "storage_unavailable");
                assert!(r.body["error"]["vi"].as_str().unwrap_or("").contains("không mất"), "{:?}", r.body);
            }
            other => panic!("unexpected {other}: {:?}", r.body),
        }
    }
    assert!(refused > 0, "the full database refused some push");
    // Still up, still answering reads of what it has.
    assert_eq!(leader.sync(&s).status, 200);

    // Room again: the devices' next syncs store everything they hold.
    s.env.clear();
    s.restart();
    let base = s.url("");
    for d in units.values_mut() {
        sync_until_answered(d, &base);
    }
    sync_until_answered(&mut leader, &base);
    for (code, d) in &units {
        for crit in ["A.1", "A.3", "D.3"] {
            assert_eq!(self_answer(&leader.dev.c, code, crit), self_answer(&d.dev.c, code, crit), "{code} {crit}");
            assert!(self_answer(&leader.dev.c, code, crit).is_some());
        }
    }
}

/// PostgreSQL restarted (fast shutdown: open connections cut) while units sync: requests during the
/// restart get a 503 and are retried; afterwards the server reconnects by itself and nothing that
/// was accepted or retried is missing.
#[test]
fn postgresql_restarted_during_syncs_loses_nothing() {
    let Some(db) = Db::postgres() else { return };
    let dir = std::env::var("THIDUA_TEST_POSTGRES_DIR").expect("THIDUA_TEST_POSTGRES_DIR: the cluster `scripts/test` started");
    let s = Server::start(&db, &["--rate-per-minute", "0"]);
    let codes = ["CTK", "SNGV", "KBNN"];
    let (mut leader, units) = bloc_on(&s, "pgrestart", &codes);
    let base = s.url("");
    let workers: Vec<_> = units
        .into_values()
        .enumerate()
        .map(|(i, mut d)| {
            let base = base.clone();
            std::thread::spawn(move || {
                let mut last = Vec::new();
                for round in 0..15u64 {
                    let crit = ["A.1", "A.3", "A.4"][(round as usize + i) % 3];
                    let v = format!("{}", (round + i as u64) % 9);
                    self_score(&mut d, crit, &v, T0 + round * HOUR);
                    last.push((crit.to_string(), v));
                    sync_until_answered(&mut d, &base);
                    std::thread::sleep(std::time::Duration::from_millis(60));
                }
                d
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let script = format!("{}/../../scripts/postgres", env!("CARGO_MANIFEST_DIR"));
    let restarted = std::process::Command::new("bash").arg(&script).arg("restart").arg(&dir).status().expect("run scripts/postgres");
    assert!(restarted.success(), "PostgreSQL restarted");
    let devices: Vec<_> = workers.into_iter().map(|w| w.join().expect("worker")).collect();
    sync_until_answered(&mut leader, &base);
    for mut d in devices {
        sync_until_answered(&mut d, &base);
        assert_eq!(bundle_state(&d.dev.c), bundle_state(&leader.dev.c));
    }
}
