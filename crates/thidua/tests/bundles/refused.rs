//! Files a unit could not have written (another unit's scores, the leader's settings): refused by
//! `validate` and `merge`, as the app refuses them.

use super::*;

/// CTK's device also writes LMHTX's score (the core lets a device claim to be LMHTX) and sends the
/// whole campaign as its own file.
fn forged(s: &Scenario, dir: &Path) -> PathBuf {
    let mut c = s.ctk.c.clone();
    let mut clock = s.ctk.clock.clone();
    let e = Edit::SetSelf {
        unit: "LMHTX".into(),
        criterion: "A.3".into(),
        answer: Some(Answer::Number(Points::from_whole(10))),
    };
    apply(
        &mut c,
        &Actor::Unit("LMHTX".into()),
        e,
        &clock.tick(T0 + 5 * HOUR),
    )
    .expect("edit");
    let b = Bundle::new(
        &c,
        Producer {
            replica: "ctk-laptop".into(),
            actor: Actor::Unit("CTK".into()),
            label: "Cục Thống kê tỉnh".into(),
        },
        Scope::Whole,
        T0 + 5 * HOUR,
    );
    write(dir, "ctk-gia.json", &b.to_json())
}

#[test]
fn a_unit_writing_another_units_scores_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let bad = forged(&s, tmp.path());
    let r = validate(&[&s.files[0], &bad]);
    assert_eq!(r.code, Some(1), "{}", r.all());
    let bad_name = bad.display().to_string();
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with(&bad_name))
        .unwrap_or_default();
    assert!(
        line.contains("inputs/LMHTX/A.3/self_answer")
            && line.contains("không được ghi")
            && line.contains("may not write"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("truong-khoi.json:"),
        "the leader's file is not refused:\n{}",
        r.stderr
    );
    // Alone, a file cannot be checked against anything: it is read as intact.
    assert_eq!(validate(&[&bad]).code, Some(0));

    // merge refuses it: non-zero, nothing written; an existing output is left as it was.
    let out = tmp.path().join("hop-nhat.json");
    let r = merge(&[&s.files[0], &s.files[2], &bad], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("inputs/LMHTX/A.3/self_answer") && r.stderr.contains(&bad_name),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing written"), "{}", r.stderr);
    assert!(!out.exists(), "no output on refusal");
    std::fs::write(&out, "cũ").expect("write");
    let r = merge(&[&bad, &s.files[0]], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "cũ");
    no_leftovers(tmp.path());
}

#[test]
fn a_unit_writing_the_leaders_settings_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    // CTK's device changes the awards as if it were the leader, and sends its own part.
    let mut c = s.ctk.c.clone();
    let mut clock = s.ctk.clock.clone();
    let tiers = vec![AwardTier {
        name: "Cờ thi đua của Chính phủ".into(),
        rank_from: 1,
        rank_to: 2,
        min_total: None,
        min_vote_share: None,
        max_count: None,
    }];
    apply(
        &mut c,
        &Actor::Leader,
        Edit::SetAwards { tiers },
        &clock.tick(T0 + 5 * HOUR),
    )
    .expect("edit");
    let b = Bundle::new(
        &c,
        Producer {
            replica: "ctk-laptop".into(),
            actor: Actor::Unit("CTK".into()),
            label: "Cục Thống kê tỉnh".into(),
        },
        Scope::Unit("CTK".into()),
        T0 + 5 * HOUR,
    );
    let bad = write(tmp.path(), "ctk-khen.json", &b.to_json());
    let r = validate(&[&bad, &s.files[0], &s.files[2]]);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("ctk-khen.json")
            && r.stderr.contains("award tiers («awards»)")
            && r.stderr.contains("may not write"),
        "{}",
        r.stderr
    );
    let out = tmp.path().join("m.json");
    let r = merge(&[&s.files[0], &bad], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(!out.exists());
}
