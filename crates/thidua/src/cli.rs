//! The command line, as clap reads it. Each subcommand's arguments are a struct the matching
//! module in `commands/` takes.

use clap::{Args, Parser, Subcommand};
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
    /// Chạy máy chủ phục vụ ứng dụng web (serve the built web app).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Bảng chấm điểm (scorecard template), CSV or .xlsx.
    #[arg(long, value_name = "FILE")]
    pub template: PathBuf,
    /// Danh sách đơn vị (member units), CSV or .xlsx.
    #[arg(long, value_name = "FILE")]
    pub units: PathBuf,
    /// Điểm của các đơn vị (scores), CSV or .xlsx.
    #[arg(long, value_name = "FILE")]
    pub scores: PathBuf,
    /// Ghi results.csv vào tệp này thay vì in ra (write results.csv here instead of stdout).
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The spreadsheets are named by flags. Bundle files will come as positional `FILE...`
/// arguments; the flags then become `required_unless_present = "files"`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Bảng chấm điểm (scorecard template), CSV or .xlsx.
    #[arg(long, value_name = "FILE")]
    pub template: PathBuf,
    /// Danh sách đơn vị (member units), CSV or .xlsx.
    #[arg(long, value_name = "FILE")]
    pub units: PathBuf,
    /// Điểm của các đơn vị (scores), CSV or .xlsx; optional.
    #[arg(long, value_name = "FILE")]
    pub scores: Option<PathBuf>,
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
