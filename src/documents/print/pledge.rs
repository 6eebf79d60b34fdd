//! Bản giao ước thi đua: what the bloc pledges for the year, its slogan and movements, the themes
//! the units registered, and a signing row per unit (signatory, position, date, the signature).

use super::header::{place_date, roman, DocHeader, DocTitle};
use leptos::prelude::*;
use thidua_core::{Campaign, Signing};

struct SignRow {
    code: String,
    name: String,
    signing: Option<Signing>,
}

#[component]
pub fn PledgeDoc(c: Campaign) -> impl IntoView {
    let year = c.bloc.year;
    let bloc = c.bloc.name.clone();
    let rows: Vec<SignRow> = c
        .active_units()
        .map(|u| SignRow {
            code: u.code.clone(),
            name: u.info.name.clone(),
            signing: c.members.get(&u.code).and_then(|m| m.signing.value.clone()),
        })
        .collect();
    // The conference's day: the leader's signing, else the first unit's that signed.
    let leader_date = c.leader().and_then(|l| rows.iter().find(|r| r.code == l.code)).and_then(|r| r.signing.as_ref());
    let date = leader_date.or_else(|| rows.iter().find_map(|r| r.signing.as_ref())).map(|g| g.date.clone());
    let themes: Vec<(String, String)> = c
        .active_units()
        .filter_map(|u| {
            let theme = c.members.get(&u.code)?.theme.value.trim().to_string();
            (!theme.is_empty()).then(|| (u.info.name.clone(), theme))
        })
        .collect();
    let pledge = c.pledge.value.clone();

    let basis = (!c.bloc.decision_number.trim().is_empty()).then(|| {
        let on = if c.bloc.decision_date.trim().is_empty() { String::new() } else { format!(" ngày {}", c.bloc.decision_date.trim()) };
        view! {
            <p>{format!(
                "Căn cứ Quyết định số {}{on} về việc tổ chức các Cụm, Khối thi đua năm {year};",
                c.bloc.decision_number.trim()
            )}</p>
        }
    });

    let mut part = 0;
    let mut next = || {
        part += 1;
        roman(part)
    };
    let contents = list_or_blank(&pledge.contents, "Chưa ghi nội dung giao ước.");
    let contents_title = format!("{}. NỘI DUNG GIAO ƯỚC", next());
    let slogan_title = format!("{}. KHẨU HIỆU THI ĐUA", next());
    let slogan = if pledge.slogan.trim().is_empty() {
        view! { <p class="doc-blank">"……………………………………………………"</p> }.into_any()
    } else {
        view! { <p class="doc-slogan"><strong><em>{format!("“{}”", pledge.slogan.trim())}</em></strong></p> }.into_any()
    };
    let movements_title = format!("{}. CÁC PHONG TRÀO THI ĐUA", next());
    let movements = list_or_blank(&pledge.movements, "Chưa ghi phong trào thi đua.");
    let themes_part = (!themes.is_empty()).then(|| {
        let title = format!("{}. CHỦ ĐỀ THI ĐUA CÁC ĐƠN VỊ ĐĂNG KÝ", next());
        view! {
            <h2>{title}</h2>
            <ul class="doc-list">
                {themes.into_iter().map(|(name, theme)| view! { <li><strong>{name}</strong>": “"{theme}"”"</li> }).collect_view()}
            </ul>
        }
    });
    let signing_title = format!("{}. ĐẠI DIỆN CÁC ĐƠN VỊ KÝ KẾT", next());
    let signed = rows.iter().filter(|r| r.signing.is_some()).count();
    let total = rows.len();

    let body_rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let (who, position, day) = match r.signing {
                Some(g) => (g.signatory, g.position, g.date),
                None => (String::new(), String::new(), String::new()),
            };
            view! {
                <tr data-unit=r.code>
                    <td class="c-no">{i + 1}</td>
                    <td class="c-unit">{r.name}</td>
                    <td>{who}</td>
                    <td>{position}</td>
                    <td class="c-date">{day}</td>
                    <td class="c-sign"></td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <DocHeader issuer=bloc.clone() number=super::header::number_line("", "GƯ-KTĐ") place_date=place_date(date.as_deref()) />
        <DocTitle title="BẢN GIAO ƯỚC THI ĐUA".to_string() subject=format!("Năm {year}") />
        <section class="doc-body">
            {basis}
            <p>{format!("Các đơn vị thành viên {bloc} thống nhất ký kết giao ước thi đua năm {year} với các nội dung sau:")}</p>
            <h2>{contents_title}</h2>
            {contents}
            <h2>{slogan_title}</h2>
            {slogan}
            <h2>{movements_title}</h2>
            {movements}
            {themes_part}
            <h2>{signing_title}</h2>
            <p>{format!(
                "Các đơn vị cam kết thực hiện đầy đủ các nội dung giao ước trên. Đã ký: {signed}/{total} đơn vị."
            )}</p>
            <table class="doc-table signing-table" id="doc-signing">
                <colgroup>
                    <col class="w-no" /><col class="w-unit" /><col class="w-who" /><col class="w-pos" /><col class="w-date" /><col />
                </colgroup>
                <thead>
                    <tr>
                        <th class="c-no">"TT"</th>
                        <th>"Đơn vị"</th>
                        <th>"Người ký"</th>
                        <th>"Chức vụ"</th>
                        <th>"Ngày ký"</th>
                        <th>"Chữ ký"</th>
                    </tr>
                </thead>
                <tbody>{body_rows}</tbody>
            </table>
        </section>
    }
}

/// Numbered paragraphs, or a note that there is nothing yet.
fn list_or_blank(items: &[String], none: &'static str) -> AnyView {
    let items: Vec<String> = items.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    if items.is_empty() {
        return view! { <p class="doc-blank"><em>{none}</em></p> }.into_any();
    }
    view! {
        <ol class="doc-list">{items.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
    }
    .into_any()
}
