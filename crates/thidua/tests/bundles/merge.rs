//! `thidua merge`: the leader's and the units' files merged as the core merges them, in any order.

use super::*;

#[test]
fn merge_of_the_leader_and_two_units_validates_and_scores_as_the_core() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let out = tmp.path().join("hop-nhat.json");
    let [l, c, m] = &s.files;
    let r = merge(&[l, c, m], &out);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(
        r.stdout.contains("Đã hợp nhất (merged) 3 tệp"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Xung đột được giữ lại (conflicts kept): 0"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("ctk.json: «Cục Thống kê tỉnh»"),
        "{}",
        r.stdout
    );
    no_leftovers(tmp.path());

    // The app's way: the leader imports each unit's file.
    let now = T0 + 6 * HOUR;
    let mut expected = s.leader.c.clone();
    for d in [&s.ctk, &s.lmhtx] {
        expected = bundle::apply(&expected, &d.own_bundle(now), now).expect("the app accepts it");
    }
    let merged = read_bundle(&out);
    assert_eq!(merged.content, expected);
    assert_eq!(merged.producer.label, "thidua merge");
    assert_eq!(merged.producer.actor, Actor::Leader);
    assert_eq!(merged.scope, Scope::Whole);
    assert_eq!(merged.content.members["CTK"].theme.value, "Chủ đề của CTK");
    assert_eq!(merged.content.pledge.value.slogan, "Đoàn kết, đổi mới");

    let r = validate(&[&out]);
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert!(
        r.stdout.contains("«thidua merge», Trưởng khối (leader)"),
        "{}",
        r.stdout
    );
    // The merged file with the files it came from: nothing refused.
    assert_eq!(validate(&[&out, l, c, m]).code, Some(0));

    let r = run(thidua().arg("score").arg("--bundle").arg(&out));
    assert_eq!(r.code, Some(0), "{}", r.all());
    assert_eq!(r.stdout, results_csv(&evaluate(&expected)));
}

#[test]
fn merge_order_does_not_matter() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    // A second CTK device scoring A.3 otherwise, unaware of the first: a conflict to keep.
    let mut ctk2 = Dev::from(
        &s.leader.c,
        "ctk-phone",
        Actor::Unit("CTK".into()),
        "Cục Thống kê tỉnh",
    );
    ctk2.edit(
        T0 + 2 * HOUR,
        Edit::SetSelf {
            unit: "CTK".into(),
            criterion: "A.3".into(),
            answer: Some(Answer::Number(Points::from_whole(3))),
        },
    );
    let c2 = write(
        tmp.path(),
        "ctk-phone.json",
        &ctk2.own_bundle(T0 + 4 * HOUR).to_json(),
    );
    let [l, c, m] = &s.files;
    let (ab, ba) = (tmp.path().join("ab.json"), tmp.path().join("ba.json"));
    let r1 = merge(&[l, c, &c2, m], &ab);
    assert_eq!(r1.code, Some(0), "{}", r1.all());
    let r2 = merge(&[m, &c2, c, l], &ba);
    assert_eq!(r2.code, Some(0), "{}", r2.all());
    let (x, y) = (read_bundle(&ab), read_bundle(&ba));
    assert_eq!(x.content, y.content);
    assert_eq!(x.checksum, y.checksum);
    assert_eq!(x.content.open_conflicts().count(), 1);
    assert!(
        r1.stdout
            .contains("Xung đột được giữ lại (conflicts kept): 1"),
        "{}",
        r1.stdout
    );
    assert!(
        r1.stdout.contains("inputs/CTK/A.3/self_answer"),
        "{}",
        r1.stdout
    );
    // To standard output, the summary on standard error.
    let r = run(thidua().arg("merge").args([c, l, m]).arg("--out").arg("-"));
    assert_eq!(r.code, Some(0), "{}", r.all());
    let b = Bundle::from_json(&r.stdout).expect("a bundle on stdout");
    assert_eq!(
        b.content,
        read_bundle(&{
            let p = tmp.path().join("lcm.json");
            assert_eq!(merge(&[l, c, m], &p).code, Some(0));
            p
        })
        .content
    );
    assert!(
        r.stderr.contains("Đã hợp nhất (merged) 3 tệp"),
        "{}",
        r.stderr
    );
}

#[test]
fn merge_refuses_different_campaigns_and_campaign_documents() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let s = scenario(tmp.path());
    let mut other = s.leader.c.clone();
    other.id = "khoi-vii-2025".into();
    let other_file = write(
        tmp.path(),
        "nam-sau.json",
        &Bundle::new(
            &other,
            Producer {
                replica: "r".into(),
                actor: Actor::Leader,
                label: "Trưởng khối".into(),
            },
            Scope::Whole,
            T0,
        )
        .to_json(),
    );
    let out = tmp.path().join("m.json");
    let r = merge(&[&s.files[0], &other_file, &s.files[1]], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("khác nhau") && r.stderr.contains("different campaigns"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("«{ID}»")) && r.stderr.contains("«khoi-vii-2025»"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());

    let doc = write(
        tmp.path(),
        "luu-tru.json",
        &stored::campaign_to_json(&s.leader.c),
    );
    let r = merge(&[&doc, &s.files[1]], &out);
    assert_eq!(r.code, Some(1), "{}", r.all());
    assert!(
        r.stderr.contains("luu-tru.json") && r.stderr.contains("not a bundle"),
        "{}",
        r.stderr
    );
    assert!(!out.exists());

    // A missing input is an I/O failure; still nothing written.
    let r = merge(&[&s.files[0], &tmp.path().join("khong-co.json")], &out);
    assert_eq!(r.code, Some(3), "{}", r.all());
    assert!(!out.exists());
    // An output in a directory that does not exist.
    let r = merge(
        &[&s.files[0], &s.files[1]],
        &tmp.path().join("khong-co/m.json"),
    );
    assert_eq!(r.code, Some(3), "{}", r.all());
    assert!(r.stderr.contains("khong-co"), "{}", r.stderr);
}
