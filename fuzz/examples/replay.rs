//! Replays one input of a fuzz target outside libFuzzer, in a release build without overflow
//! checks, as the app and the CLI run (`cargo run --release --example replay -- TARGET FILE`):
//! what the user would see where the fuzzer saw a panic.
use std::time::Instant;
use thidua_core::import::read_table;

fn main() {
    let mut args = std::env::args().skip(1);
    let (target, path) = (args.next().expect("a target"), args.next().expect("a file"));
    let bytes = std::fs::read(path).expect("read");
    let start = Instant::now();
    match target.as_str() {
        "import_xlsx" | "import_csv" => match read_table("sheet.xlsx", &bytes) {
            Ok(t) => println!("read: {} columns, {} rows", t.headers.len(), t.rows.len()),
            Err(p) => println!("refused: {p}"),
        },
        "bundle_parse" => match thidua_core::bundle::Bundle::from_json(&String::from_utf8_lossy(&bytes)) {
            Ok(b) => println!("read: campaign {}", b.campaign_id),
            Err(m) => println!("refused: {}", m.en),
        },
        other => panic!("unknown target {other}"),
    }
    println!("in {:?}", start.elapsed());
}
