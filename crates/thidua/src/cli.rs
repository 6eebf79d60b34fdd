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
}

/// Exactly one source: a bundle, or the three spreadsheets.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("source").required(true).args(["bundle", "template"])))]
pub struct ScoreArgs {
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
    /// Ghi results.csv vào tệp này thay vì in ra (write results.csv here instead of stdout).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
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
}
