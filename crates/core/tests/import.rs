//! The importers read what Excel and people actually write, and refuse whole what they cannot read,
//! naming the row and column — and never panic, whatever the bytes.

mod common;

use thidua_core::import::{campaign_from_files, read_table, SourceFile};
use thidua_core::{evaluate, results::results_csv, Problems};

fn import(t: &[u8], u: &[u8], s: &[u8]) -> Result<thidua_core::Campaign, Problems> {
    campaign_from_files(
        SourceFile { name: "template.csv", bytes: t },
        SourceFile { name: "units.csv", bytes: u },
        Some(SourceFile { name: "scores.csv", bytes: s }),
    )
}

fn sample_results() -> String {
    results_csv(&evaluate(&common::sample_campaign()))
}

/// What Excel in a Vietnamese locale writes: BOM, `;`, decimal commas, CRLF.
fn excel_vi(csv: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let mut out = String::from("\u{feff}");
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let cells: Vec<String> = rec
            .iter()
            .map(|c| {
                let c = if c.parse::<f64>().is_ok() { c.replace('.', ",") } else { c.to_string() };
                if c.contains(';') || c.contains('"') { format!("\"{}\"", c.replace('"', "\"\"")) } else { c }
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[test]
fn semicolons_bom_decimal_commas_and_crlf_give_the_same_results() {
    let c = import(
        &excel_vi(&common::sample_bytes("template.csv")),
        &excel_vi(&common::sample_bytes("units.csv")),
        &excel_vi(&common::sample_bytes("scores.csv")),
    )
    .unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(results_csv(&evaluate(&c)), sample_results());
}

#[test]
fn columns_in_any_order_with_any_case_and_extra_columns() {
    let t = "Max , KIND,Ghi chú, Code ,Title,params\n10,section,x,A,Phần A,\n10,points,,A.1,Tiêu chí,\n";
    let u = "ROLE,Name,Code,Extra\ntruong_khoi,Một,U1,?\n";
    let s = "Note,Self,Code,Unit\nminh chứng,\"7,5\",A.1,U1\n";
    let c = import(t.as_bytes(), u.as_bytes(), s.as_bytes()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(evaluate(&c).standings[0].total.to_fixed2(), "7.50");
    assert_eq!(c.entry("U1", "A.1").unwrap().note.value, "minh chứng");
}

#[test]
fn every_problem_of_every_file_is_reported_with_row_and_column() {
    let t = "code,title,kind,max,params\nA,Phần A,section,abc,\nA.1,x,wrong,5,\nA.1,dup,points,5,\nB.1,orphan,points,5,\nA.2,lv,levels,5,Tốt=9\n";
    let u = "code,name,role\nU1,Một,truong_khoi\nU2,Hai,truong_khoi\nU3,Ba,boss\n";
    let s = "unit,code,self\nU1,A.1,1\n";
    let problems = import(t.as_bytes(), u.as_bytes(), s.as_bytes()).unwrap_err();
    let got: Vec<_> = problems.iter().map(|p| (p.file.as_str(), p.row, p.column.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("template.csv", Some(2), Some("max")),
            ("template.csv", Some(3), Some("kind")),
            ("template.csv", Some(4), Some("code")),
            ("template.csv", Some(6), Some("params")),
            ("template.csv", Some(5), Some("code")),
            ("units.csv", Some(4), Some("role")),
            ("units.csv", Some(3), Some("role")),
        ]
    );
    assert!(problems.0[0].vi().starts_with("template.csv, dòng 2, cột max: «abc» không phải là số"), "{}", problems.0[0].vi());
}

#[test]
fn missing_columns_are_named() {
    let p = import(b"code,title\nA,x\n", b"code,name,role\nU1,a,truong_khoi\n", b"unit,code,self\n").unwrap_err();
    let msgs: Vec<String> = p.iter().map(|p| p.vi()).collect();
    assert_eq!(msgs, ["template.csv, dòng 1: thiếu cột «kind» ở dòng tiêu đề", "template.csv, dòng 1: thiếu cột «max» ở dòng tiêu đề"]);
}

#[test]
fn quoted_fields_with_separators_and_newlines() {
    let t = "code,title,kind,max,params\nA,\"Phần A, có dấu phẩy\",section,10,\nA.1,\"Hai\ndòng\",levels,10,\"Tốt=10|Khá, trung bình=5\"\n";
    let c = import(t.as_bytes(), b"code,name,role\nU1,a,truong_khoi\n", "unit,code,self\nU1,A.1,\"khá, trung bình\"\n".as_bytes())
        .unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(c.template.sections[0].title, "Phần A, có dấu phẩy");
    assert_eq!(evaluate(&c).standings[0].total.to_fixed2(), "5.00");
}

fn xlsx_of(csv_bytes: &[u8], numbers_as_numbers: bool) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(csv_bytes);
    for (r, rec) in rdr.records().enumerate() {
        for (c, cell) in rec.unwrap().iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(x) if numbers_as_numbers => sheet.write_number(r as u32, c as u16, x).map(|_| ()),
                _ => sheet.write_string(r as u32, c as u16, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_first_sheet_gives_the_same_results() {
    let t = xlsx_of(&common::sample_bytes("template.csv"), true);
    let u = xlsx_of(&common::sample_bytes("units.csv"), true);
    let s = xlsx_of(&common::sample_bytes("scores.csv"), true);
    let c = import(&t, &u, &s).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(results_csv(&evaluate(&c)), sample_results());
    // Mixed: template as Excel, the rest as CSV.
    let c = import(&t, &common::sample_bytes("units.csv"), &common::sample_bytes("scores.csv")).unwrap();
    assert_eq!(results_csv(&evaluate(&c)), sample_results());
}

#[test]
fn xlsx_problems_name_the_sheet_row() {
    let t = xlsx_of(b"code,title,kind,max,params\nA,a,section,10,\nA.1,b,points,ten,\n", true);
    let p = import(&t, b"code,name,role\nU1,a,truong_khoi\n", b"unit,code,self\n").unwrap_err();
    assert_eq!((p.0[0].row, p.0[0].column.as_deref()), (Some(3), Some("max")));
}

#[test]
fn xlsx_float_noise_is_read_as_typed_and_extra_decimals_are_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["unit", "code", "self"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "U1").unwrap();
    sheet.write_string(1, 1, "A.1").unwrap();
    sheet.write_number(1, 2, 0.1 + 0.2).unwrap(); // 0.30000000000000004
    sheet.write_string(2, 0, "U1").unwrap();
    sheet.write_string(2, 1, "A.2").unwrap();
    sheet.write_number(2, 2, 7.985).unwrap();
    let s = book.save_to_buffer().unwrap();
    let t = b"code,title,kind,max,params\nA,a,section,20,\nA.1,b,points,10,\nA.2,c,points,10,\n";
    let p = import(t, b"code,name,role\nU1,a,truong_khoi\n", &s).unwrap_err();
    assert_eq!(p.len(), 1, "{p}");
    assert_eq!((p.0[0].row, p.0[0].column.as_deref()), (Some(3), Some("self")));
    assert!(p.0[0].msg.en.contains("more than 2 decimals"));
}

/// Whatever the bytes, the importers answer with problems, never a panic.
#[test]
fn hostile_bytes_are_refused_not_panicked_on() {
    let sample = common::sample_bytes("scores.csv");
    let xlsx = xlsx_of(&common::sample_bytes("template.csv"), true);
    let mut inputs: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("only BOM", b"\xEF\xBB\xBF".to_vec()),
        ("whitespace", b"  \n\n \r\n".to_vec()),
        ("header only", b"code,title,kind,max\n".to_vec()),
        ("binary", (0..=255u8).cycle().take(4096).collect()),
        ("latin-1", b"code,title,kind,max\nA,Ph\xe1n,section,10\n".to_vec()),
        ("utf-16", "code,title".encode_utf16().flat_map(|u| u.to_le_bytes()).collect()),
        ("unclosed quote", b"code,title,kind,max\nA,\"open,section,10\n".to_vec()),
        ("zip header only", b"PK\x03\x04garbage".to_vec()),
        ("huge number", b"code,title,kind,max\nA,a,section,99999999999999999999999999\nA.1,b,points,1e308\n".to_vec()),
        ("huge cell", format!("code,title,kind,max\nA,{},section,1\n", "x".repeat(5_000_000)).into_bytes()),
        ("too big", vec![b'a'; thidua_core::import::MAX_BYTES + 1]),
    ];
    for cut in [1, 7, 100, sample.len() / 2] {
        inputs.push(("truncated csv", sample[..cut].to_vec()));
    }
    for cut in [4, 30, 200, xlsx.len() / 2, xlsx.len() - 10] {
        inputs.push(("truncated xlsx", xlsx[..cut].to_vec()));
    }
    let mut flipped = xlsx.clone();
    for i in (100..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5a;
    }
    inputs.push(("corrupted xlsx", flipped));
    let units = common::sample_bytes("units.csv");
    let template = common::sample_bytes("template.csv");
    for (what, bytes) in &inputs {
        let _ = read_table("x", bytes);
        assert!(import(bytes, &units, &sample).is_err(), "{what} as template was accepted");
        assert!(import(&template, bytes, &sample).is_err(), "{what} as units was accepted");
        // As scores, a header-only or empty-of-rows file is a valid "no scores yet".
        let _ = import(&template, &units, bytes);
    }
}

#[test]
fn wrong_encoding_is_explained() {
    let p = import(b"code,title,kind,max\nA,Ph\xe1n,section,10\n", b"code,name,role\n", b"").unwrap_err();
    assert!(p.0[0].vi().contains("UTF-8"), "{}", p.0[0].vi());
    assert_eq!(p.0[0].row, Some(2));
}

#[test]
fn many_rows_are_read() {
    // 40 units × 300 criteria: the largest bloc the product is sized for.
    let mut t = String::from("code,title,kind,max,params\nA,a,section,3000,\n");
    for i in 0..300 {
        t.push_str(&format!("A.{i},c{i},points,10,\n"));
    }
    let mut u = String::from("code,name,role\n");
    let mut s = String::from("unit,code,self\n");
    for n in 0..40 {
        u.push_str(&format!("U{n},Đơn vị {n},{}\n", if n == 0 { "truong_khoi" } else { "thanh_vien" }));
        for i in 0..300 {
            s.push_str(&format!("U{n},A.{i},{}\n", (n + i) % 11));
        }
    }
    let c = import(t.as_bytes(), u.as_bytes(), s.as_bytes()).unwrap_or_else(|p| panic!("{p}"));
    assert_eq!(evaluate(&c).standings.len(), 40);
}
