//! The sample bloc of `shared/samples`, and reading a workbook back.
#![allow(dead_code)]

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use std::io::Cursor;
use std::path::PathBuf;
use thidua_core::import::{campaign_from_files, SourceFile};
use thidua_core::{Campaign, Points};

/// `../shared/samples`, beside the repository (CI clones the repo with shared/ next to it).
pub fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples")
}

pub fn sample_bytes(name: &str) -> Vec<u8> {
    let p = samples_dir().join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

pub fn sample_campaign() -> Campaign {
    let t = sample_bytes("template.csv");
    let u = sample_bytes("units.csv");
    let s = sample_bytes("scores.csv");
    campaign_from_files(
        SourceFile {
            name: "template.csv",
            bytes: &t,
        },
        SourceFile {
            name: "units.csv",
            bytes: &u,
        },
        Some(SourceFile {
            name: "scores.csv",
            bytes: &s,
        }),
    )
    .unwrap_or_else(|p| panic!("sample import failed:\n{p}"))
}

/// Every sheet of a workbook, by name, in order.
pub fn read_back(bytes: &[u8]) -> Vec<(String, Range<Data>)> {
    let mut book: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("the workbook opens");
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let range = book
                .worksheet_range(&n)
                .unwrap_or_else(|e| panic!("sheet {n}: {e}"));
            (n, range)
        })
        .collect()
}

pub fn cell(r: &Range<Data>, row: u32, col: u32) -> Data {
    r.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

pub fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match cell(r, row, col) {
        Data::String(s) => s,
        Data::Empty => String::new(),
        other => panic!("cell ({row}, {col}) is not text: {other:?}"),
    }
}

/// A cell that must hold a number (not text), as hundredths.
pub fn hundredths(r: &Range<Data>, row: u32, col: u32) -> i64 {
    match cell(r, row, col) {
        Data::Float(f) => (f * 100.0).round() as i64,
        Data::Int(i) => i * 100,
        other => panic!("cell ({row}, {col}) is not a number: {other:?}"),
    }
}

pub fn points(r: &Range<Data>, row: u32, col: u32) -> Points {
    Points::from_hundredths(hundredths(r, row, col))
}

/// The first (row, col) whose text satisfies `f`.
pub fn find(r: &Range<Data>, f: impl Fn(&str) -> bool) -> Option<(u32, u32)> {
    let (r0, c0) = r.start()?;
    let (r1, c1) = r.end()?;
    (r0..=r1)
        .flat_map(|row| (c0..=c1).map(move |col| (row, col)))
        .find(|&(row, col)| matches!(cell(r, row, col), Data::String(s) if f(&s)))
}

/// The column of a header in `row`.
pub fn column(r: &Range<Data>, row: u32, f: impl Fn(&str) -> bool) -> Option<u32> {
    let (_, c0) = r.start()?;
    let (_, c1) = r.end()?;
    (c0..=c1).find(|&col| matches!(cell(r, row, col), Data::String(s) if f(&s)))
}
