//! Biên bản họp bình xét thi đua: when and where the bloc met, who attended, the ranking with its
//! totals and proposed awards, the secret-ballot tallies, the proposals per award tier, and the
//! handover of the leader role for next year; signed by the secretary and the chair.

use super::header::{number_line, place_date, roman, DocHeader, DocTitle, Signatures, Signer, BLANK};
use leptos::prelude::*;
use std::collections::HashMap;
use thidua_core::{evaluate, Campaign, Meeting, Points};

fn or_blank(s: &str) -> String {
    if s.trim().is_empty() { BLANK.to_string() } else { s.trim().to_string() }
}

/// `66,67%`.
fn share_text(p: Points) -> String {
    format!("{}%", p.to_fixed2().replace('.', ","))
}

#[component]
pub fn MinutesDoc(c: Campaign) -> impl IntoView {
    let m: Meeting = c.meeting.value.clone();
    let recorded = c.meeting.value != Meeting::default();
    let year = c.bloc.year;
    let bloc = c.bloc.name.clone();
    let e = evaluate(&c);
    let name_of = |code: &str| c.unit(code).map(|u| u.info.name.clone()).unwrap_or_else(|| code.to_string());
    let mut rank_count: HashMap<u32, usize> = HashMap::new();
    for r in e.standings.iter().filter_map(|s| s.rank) {
        *rank_count.entry(r).or_default() += 1;
    }

    let mut part = 0;
    let mut next = || {
        part += 1;
        roman(part)
    };

    // Attendance.
    let units: Vec<(String, String)> = c.active_units().map(|u| (u.code.clone(), u.info.name.clone())).collect();
    let present: Vec<&(String, String)> = units.iter().filter(|(code, _)| m.present.contains(code)).collect();
    let absent: Vec<&(String, String)> = units.iter().filter(|(code, _)| !m.present.contains(code)).collect();
    let attendance = if !recorded || present.is_empty() {
        view! { <p class="doc-blank"><em>"Chưa ghi nhận thành phần tham dự."</em></p> }.into_any()
    } else {
        let names = |v: &[&(String, String)]| v.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join("; ");
        let absent_line = if absent.is_empty() {
            "Vắng mặt: không.".to_string()
        } else {
            format!("Vắng mặt: {:02} đơn vị ({}).", absent.len(), names(&absent))
        };
        view! {
            <p id="doc-present">{format!("Có mặt: {:02}/{:02} đơn vị thành viên ({}).", present.len(), units.len(), names(&present))}</p>
            <p id="doc-absent">{absent_line}</p>
        }
        .into_any()
    };

    // Results.
    let titles: HashMap<&str, String> = c.template.criteria().map(|(_, x)| (x.id.as_str(), x.code.clone())).collect();
    let result_rows = e
        .standings
        .iter()
        .map(|s| {
            let rank = match s.rank {
                Some(r) if rank_count.get(&r).copied().unwrap_or(0) > 1 => format!("{r} (đồng hạng)"),
                Some(r) => r.to_string(),
                None => "—".into(),
            };
            let award = match (&s.award, s.rank) {
                (Some(a), _) => a.clone(),
                (None, None) => {
                    let codes: Vec<String> = s.score.vetoes.iter().map(|id| titles.get(id.as_str()).cloned().unwrap_or_else(|| id.clone())).collect();
                    format!("Không xét thi đua ({})", codes.join(", "))
                }
                (None, Some(_)) if !s.score.is_complete() => "Chưa chấm đủ tiêu chí".into(),
                (None, Some(_)) => String::new(),
            };
            view! {
                <tr data-unit=s.unit.clone()>
                    <td class="c-rank">{rank}</td>
                    <td class="c-unit">{s.name.clone()}</td>
                    <td class="c-num">{s.total.to_vi()}</td>
                    <td>{award}</td>
                </tr>
            }
        })
        .collect_view();

    // Ballots.
    let tallies: Vec<(String, thidua_core::VoteTally)> = units.iter().filter_map(|(code, name)| c.vote(code).map(|v| (name.clone(), v))).collect();
    let votes = if tallies.is_empty() {
        view! { <p class="doc-blank"><em>"Không có kết quả bỏ phiếu kín được ghi nhận."</em></p> }.into_any()
    } else {
        let rows = tallies
            .into_iter()
            .map(|(name, v)| {
                let share = v.share().map(share_text).unwrap_or_default();
                view! {
                    <tr>
                        <td class="c-unit">{name}</td>
                        <td class="c-num">{v.ballots}</td>
                        <td class="c-num">{v.approvals}</td>
                        <td class="c-num">{share}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="doc-table votes-table" id="doc-votes">
                <thead>
                    <tr><th>"Đơn vị"</th><th>"Số phiếu phát ra"</th><th>"Số phiếu đồng ý"</th><th>"Tỷ lệ đồng ý"</th></tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };

    // Proposals per tier, then what the rules leave to the bloc.
    let proposals = c
        .awards
        .value
        .iter()
        .map(|tier| {
            let got: Vec<String> = e
                .standings
                .iter()
                .filter(|s| s.award.as_deref() == Some(tier.name.as_str()))
                .map(|s| format!("{} ({} điểm)", s.name, s.total.to_vi()))
                .collect();
            let text = if got.is_empty() {
                format!("{}: không có đơn vị đủ điều kiện.", tier.name)
            } else {
                format!("{}: {:02} đơn vị — {}.", tier.name, got.len(), got.join("; "))
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let notes = (!e.notes.is_empty()).then(|| {
        view! {
            <p>"Những nội dung Khối cần quyết định thêm:"</p>
            <ul class="doc-list">{e.notes.iter().map(|n| view! { <li>{n.msg.vi.clone()}</li> }).collect_view()}</ul>
        }
    });

    // Handover.
    let current = c.leader().map(|u| u.info.name.clone());
    let handover = match &m.next_leader {
        Some(code) => {
            let from = current.map(|n| format!(" từ {n}")).unwrap_or_default();
            format!("Hội nghị thống nhất bàn giao vai trò Trưởng khối thi đua năm {}{from} cho {}.", year.saturating_add(1), name_of(code))
        }
        None => format!("Đơn vị Trưởng khối thi đua năm {}: {BLANK}.", year.saturating_add(1)),
    };
    let deputy = match &m.next_deputy {
        Some(code) => format!("Đơn vị Phó khối thi đua năm {}: {}.", year.saturating_add(1), name_of(code)),
        None => format!("Đơn vị Phó khối thi đua năm {}: {BLANK}.", year.saturating_add(1)),
    };

    let attendance_title = format!("{}. THÀNH PHẦN THAM DỰ", next());
    let results_title = format!("{}. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG", next());
    let votes_title = format!("{}. KẾT QUẢ BỎ PHIẾU KÍN", next());
    let proposals_title = format!("{}. ĐỀ NGHỊ KHEN THƯỞNG", next());
    let handover_title = format!("{}. BÀN GIAO TRƯỞNG KHỐI NĂM {}", next(), year.saturating_add(1));
    let when = match meeting_date(&m.date) {
        Some(d) => format!("Thời gian: ngày {d}."),
        None => format!("Thời gian: ngày {BLANK}."),
    };

    view! {
        <DocHeader issuer=bloc.clone() number=number_line(&m.number, "BB-KTĐ") place_date=place_date(Some(m.date.as_str()).filter(|d| !d.is_empty())) />
        <DocTitle title="BIÊN BẢN".to_string() subject=format!("Họp bình xét thi đua năm {year}") />
        <section class="doc-body">
            <p id="doc-when">{when}</p>
            <p id="doc-place">{format!("Địa điểm: {}.", or_blank(&m.place))}</p>
            <p>{format!("Chủ trì: {}. Thư ký: {}.", or_blank(&m.chair), or_blank(&m.secretary))}</p>
            <h2>{attendance_title}</h2>
            {attendance}
            <h2>{results_title}</h2>
            <p>{format!(
                "Căn cứ Bảng chấm điểm thi đua năm {year} và kết quả thẩm định, Hội nghị thống nhất kết quả chấm điểm, xếp hạng các đơn vị như sau:"
            )}</p>
            <table class="doc-table results-table" id="doc-results">
                <thead>
                    <tr><th>"Hạng"</th><th>"Đơn vị"</th><th>"Tổng điểm"</th><th>"Đề nghị khen thưởng"</th></tr>
                </thead>
                <tbody>{result_rows}</tbody>
            </table>
            <h2>{votes_title}</h2>
            {votes}
            <h2>{proposals_title}</h2>
            <ol class="doc-list" id="doc-proposals">{proposals}</ol>
            {notes}
            <h2>{handover_title}</h2>
            <p id="doc-handover">{handover}</p>
            <p id="doc-deputy">{deputy}</p>
            <p>"Biên bản kết thúc vào hồi …… giờ …… cùng ngày, đã được đọc lại cho các đại biểu dự họp cùng nghe và thống nhất thông qua."</p>
        </section>
        <Signatures
            left=Signer { role: "THƯ KÝ".into(), how: "(Ký, ghi rõ họ tên)".into(), name: m.secretary.clone(), on_behalf: None }
            right=Signer { role: "CHỦ TRÌ".into(), how: "(Ký, ghi rõ họ tên)".into(), name: m.chair.clone(), on_behalf: None }
        />
    }
}

/// The meeting's date as written (dd/mm/yyyy), when it is one.
fn meeting_date(d: &str) -> Option<String> {
    crate::screens::setup::normal_date(d)
}
