//! The command line, as clap reads it. Each subcommand's arguments are a struct the matching
//! module in `commands/` takes.

use clap::{ArgGroup, Args, Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Mã thoát (exit status): 0 thành công (success); 1 dữ liệu có lỗi (the input has problems);
2 sai cú pháp lệnh (bad command line); 3 không đọc/ghi được tệp hoặc không chạy được máy chủ
(a file could not be read or written, or the server could not run).";

#[derive(Debug, Parser)]
#[command(
    name = "thidua",
    version,
    about = "Thi đua: chấm điểm, xếp hạng khối thi đua (emulation bloc scoring and ranking)",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chấm điểm và xếp hạng, in results.csv (score and rank the bloc, print results.csv).
    Score(ScoreArgs),
    /// Kiểm tra các tệp, liệt kê mọi lỗi (check the files and list every problem).
    Validate(ValidateArgs),
    /// Hợp nhất các tệp dữ liệu của một chiến dịch (merge the data files of one campaign).
    Merge(MergeArgs),
    /// Chạy máy chủ phục vụ ứng dụng web (serve the built web app).
    Serve(ServeArgs),
    /// Xuất bảng tổng hợp Excel: kết quả và bảng điểm từng đơn vị (write the Excel workbook).
    Export(ExportArgs),
    /// Dữ liệu trên máy chủ đồng bộ (the sync server's campaigns: list, bundle, reissue a code).
    #[command(subcommand)]
    Campaigns(CampaignsCommand),
}

/// Exactly one source: a bundle, or the three spreadsheets (`score`, `export`).
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("source").required(true).args(["bundle", "template"])))]
pub struct SourceArgs {
    /// Tệp dữ liệu của chiến dịch (a campaign's data file: bundle .json or campaign document).
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
    /// Bảng chấm điểm (scorecard template), CSV or .xlsx.
    #[arg(long, value_name = "FILE", requires = "units", requires = "scores")]
    pub template: Option<PathBuf>,
    /// Danh sách đơn vị (member units), CSV or .xlsx.
    #[arg(
        long,
        value_name = "FILE",
        requires = "template",
        conflicts_with = "bundle"
    )]
    pub units: Option<PathBuf>,
    /// Điểm của các đơn vị (scores), CSV or .xlsx.
    #[arg(
        long,
        value_name = "FILE",
        requires = "template",
        conflicts_with = "bundle"
    )]
    pub scores: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Ghi results.csv vào tệp này thay vì in ra (write results.csv here instead of stdout).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Tệp Excel cần ghi (the .xlsx file to write); the summary is its first sheet.
    #[arg(long, value_name = "FILE")]
    pub xlsx: PathBuf,
    /// Ngôn ngữ của tiêu đề cột và tên trang tính (language of the headers and sheet names).
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: ExportLang,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportLang {
    Vi,
    En,
}

/// Data files (`FILE…`) and spreadsheets (`--template --units [--scores]`) may both be given:
/// all are checked and every problem is reported.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("inputs").required(true).multiple(true).args(["files", "template"])))]
pub struct ValidateArgs {
    /// Tệp dữ liệu (data files): bundles .json, or campaign documents; recognised by content.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Bảng chấm điểm (scorecard template), CSV or .xlsx.
    #[arg(long, value_name = "FILE", requires = "units")]
    pub template: Option<PathBuf>,
    /// Danh sách đơn vị (member units), CSV or .xlsx.
    #[arg(long, value_name = "FILE", requires = "template")]
    pub units: Option<PathBuf>,
    /// Điểm của các đơn vị (scores), CSV or .xlsx; optional.
    #[arg(long, value_name = "FILE", requires = "template")]
    pub scores: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Các tệp dữ liệu (bundles .json) của cùng một chiến dịch, ít nhất hai (at least two).
    #[arg(value_name = "FILE", required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    /// Tệp kết quả (the merged bundle); `-` in ra (standard output).
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Thư mục ứng dụng đã build (the app built by trunk).
    #[arg(long, value_name = "DIR", env = "THIDUA_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// Địa chỉ lắng nghe (address to listen on); port 0 picks a free port.
    #[arg(
        long,
        value_name = "ADDR",
        env = "THIDUA_LISTEN",
        default_value = "127.0.0.1:8080"
    )]
    pub listen: String,
    /// Cơ sở dữ liệu (database): a SQLite file (`sqlite://thidua.sqlite3`, created if missing) or
    /// `postgres://user:password@host/db`.
    #[arg(long, value_name = "URL", env = "THIDUA_DATABASE_URL", default_value = "sqlite://thidua.sqlite3")]
    pub database_url: String,
    /// Cỡ tối đa của một yêu cầu, MiB (largest request accepted).
    #[arg(long, value_name = "MIB", env = "THIDUA_MAX_BODY_MIB", default_value_t = 16)]
    pub max_body_mib: usize,
    /// Số yêu cầu mỗi phút cho mỗi mã (requests a minute per credential or address); 0 = no limit.
    #[arg(long, value_name = "N", env = "THIDUA_RATE_PER_MINUTE", default_value_t = 120)]
    pub rate_per_minute: u32,
    /// Số yêu cầu liền một lúc (requests allowed at once before the limit applies).
    #[arg(long, value_name = "N", env = "THIDUA_RATE_BURST", default_value_t = 30)]
    pub rate_burst: u32,
    /// Khóa để được đưa chiến dịch lên (key needed to publish a campaign; none = anyone may).
    #[arg(long, value_name = "KEY", env = "THIDUA_PUBLISH_KEY")]
    pub publish_key: Option<String>,
    /// Bộ nhớ giữ chiến dịch đã đọc, MiB (stored campaign text kept parsed in memory between
    /// syncs; the parsed copies take a few times as much).
    #[arg(long, value_name = "MIB", env = "THIDUA_CACHE_MIB", default_value_t = 256)]
    pub cache_mib: usize,
}

#[derive(Debug, Subcommand)]
pub enum CampaignsCommand {
    /// Liệt kê các chiến dịch (list the campaigns).
    List(DatabaseArgs),
    /// Ghi tệp dữ liệu của một chiến dịch (write a campaign's bundle, as the app imports it).
    Bundle {
        #[command(flatten)]
        db: DatabaseArgs,
        /// Mã chiến dịch (the campaign id, as `list` shows it).
        id: String,
        /// Tệp kết quả; `-` in ra (the bundle file; `-` for standard output).
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
    },
    /// Cấp lại mã tham gia của một đơn vị, hoặc mã trưởng khối (reissue a unit's join code, or
    /// the leader's token with `leader`); the old one stops working.
    Code {
        #[command(flatten)]
        db: DatabaseArgs,
        /// Mã chiến dịch (the campaign id).
        id: String,
        /// Mã đơn vị, hoặc `leader` (the unit's code, or `leader`).
        unit: String,
    },
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Cơ sở dữ liệu của máy chủ (the server's database), as `serve --database-url`.
    #[arg(long, value_name = "URL", env = "THIDUA_DATABASE_URL", default_value = "sqlite://thidua.sqlite3")]
    pub database_url: String,
}
