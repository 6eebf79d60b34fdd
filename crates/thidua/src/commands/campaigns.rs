//! `thidua campaigns list | bundle ID --out F | code ID UNIT`: the server's data, for its
//! administrator, without the server running (SQLite) or beside it (PostgreSQL).

use crate::cli::CampaignsCommand;
use crate::clock::now_ms;
use crate::failure::Failure;
use crate::output;
use crate::serve::redact;
use crate::store::Store;
use crate::sync::{credential_hash, new_join_code, new_leader_token, role_text};
use std::fmt::Write;
use thidua_core::edit::Actor;
use thidua_core::stored::campaign_from_json;
use thidua_core::{Msg, Problem, Problems};

pub fn run(command: CampaignsCommand) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Server(format!("không khởi động được Tokio (cannot start the runtime): {e}")))?;
    runtime.block_on(async move {
        match command {
            CampaignsCommand::List(db) => list(&open(&db.database_url).await?).await,
            CampaignsCommand::Bundle { db, id, out } => bundle(&open(&db.database_url).await?, &id, &out).await,
            CampaignsCommand::Code { db, id, unit } => code(&open(&db.database_url).await?, &id, &unit).await,
        }
    })
}

async fn open(url: &str) -> Result<Store, Failure> {
    Store::open(url)
        .await
        .map_err(|e| Failure::Server(format!("không mở được cơ sở dữ liệu (cannot open the database) {}: {e}", redact(url))))
}

fn db_failure(e: impl std::fmt::Display) -> Failure {
    Failure::Server(format!("lỗi cơ sở dữ liệu (database error): {e}"))
}

fn refused(vi: String, en: String) -> Failure {
    Failure::Refused(Problems(vec![Problem::new("thidua campaigns", None, None, Msg::new(vi, en))]))
}

async fn list(store: &Store) -> Result<(), Failure> {
    let mut text = String::from("id,bloc,version,updated_ms\n");
    for c in store.list().await.map_err(db_failure)? {
        let bloc = c.bloc.replace('"', "\"\"");
        let _ = writeln!(text, "{},\"{bloc}\",{},{}", c.id, c.version, c.updated_ms);
    }
    output::stdout(&text)
}

async fn bundle(store: &Store, id: &str, out: &std::path::Path) -> Result<(), Failure> {
    let stored = store.load(id).await.map_err(db_failure)?.ok_or_else(|| {
        refused(format!("Không có chiến dịch «{id}» trên máy chủ"), format!("no campaign «{id}» on the server"))
    })?;
    let c = campaign_from_json(&stored.doc).map_err(|e| {
        let m = e.msg();
        refused(format!("Dữ liệu của «{id}» không đọc được: {}", m.vi), format!("the data of «{id}» cannot be read: {}", m.en))
    })?;
    let text = thidua_core::sync::server_bundle(&c, now_ms()).to_json();
    if out.as_os_str() == "-" {
        output::stdout(&text)
    } else {
        output::write_atomic(out, &text)
    }
}

async fn code(store: &Store, id: &str, who: &str) -> Result<(), Failure> {
    let stored = store.load(id).await.map_err(db_failure)?.ok_or_else(|| {
        refused(format!("Không có chiến dịch «{id}» trên máy chủ"), format!("no campaign «{id}» on the server"))
    })?;
    let role = if who == "leader" {
        Actor::Leader
    } else {
        let c = campaign_from_json(&stored.doc).map_err(|e| refused(e.msg().vi, e.msg().en))?;
        if !c.active_units().any(|u| u.code == who) {
            return Err(refused(format!("Khối không có đơn vị «{who}»"), format!("the bloc has no unit «{who}»")));
        }
        Actor::Unit(who.to_string())
    };
    let token = match role {
        Actor::Leader => new_leader_token(),
        Actor::Unit(_) => new_join_code(),
    }
    .map_err(|e| Failure::Server(format!("không tạo được mã (cannot make a code): {e}")))?;
    store.replace_credential(id, &role_text(&role), &credential_hash(&token), now_ms()).await.map_err(db_failure)?;
    output::stdout(&format!("{who},{token}\n"))
}
