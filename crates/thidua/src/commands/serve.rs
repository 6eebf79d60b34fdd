//! `thidua serve`: runs the server (`crate::serve`) on a Tokio runtime of its own, so the other
//! commands never start one.

use crate::cli::ServeArgs;
use crate::failure::Failure;
use crate::serve;

pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::Server(format!(
                "không khởi động được Tokio (cannot start the runtime): {e}"
            ))
        })?;
    runtime.block_on(serve::run(serve::Config {
        dist: args.dist.clone(),
        listen: args.listen.clone(),
        database_url: args.database_url.clone(),
        max_body: args.max_body_mib.saturating_mul(1024 * 1024),
        rate_per_minute: args.rate_per_minute,
        rate_burst: args.rate_burst,
        publish_key: args.publish_key.clone().filter(|k| !k.is_empty()),
        cache_bytes: args.cache_mib.saturating_mul(1024 * 1024),
    }))
}
