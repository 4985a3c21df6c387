//! `dyad serve`: the HTTP API and the page over a store ([`dyad_server`]). This module parses the address,
//! says where it serves (and warns when that is not loopback), and turns errors into the exit status.

use crate::store::DEFAULT_DB;
use crate::Outcome;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Args)]
pub struct ServeArgs {
    /// Articles to ingest into the store first (files, directories), as `dyad ingest` does with dyad's own
    /// dictionaries; already stored ones are skipped. With none, the store is served as it is.
    pub inputs: Vec<PathBuf>,
    /// The store (SQLite file) to serve; opened read-only.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Address to listen on. Loopback by default; any other address makes the store readable from other
    /// machines (there is no authentication).
    #[arg(long, value_name = "IP:PORT", default_value = dyad_server::DEFAULT_ADDR)]
    pub addr: String,
    // With articles to ingest: as `dyad ingest --min-confidence`.
    #[command(flatten)]
    pub confidence: crate::run::ConfidenceArg,
}

pub fn run(args: &ServeArgs) -> Result<Outcome, String> {
    let addr: SocketAddr = args.addr.parse().map_err(|_| {
        format!(
            "--addr {:?}: not an IP address and port (e.g. 127.0.0.1:8080)",
            args.addr
        )
    })?;
    if !args.inputs.is_empty() {
        let ingest = crate::store::IngestArgs {
            input: crate::InputArgs {
                inputs: args.inputs.clone(),
                format: None,
                text_fields: Vec::new(),
                html_fields: Vec::new(),
                output: None,
                quiet: false,
                strict_utf8: false,
                verbose: false,
            },
            db: args.db.clone(),
            dicts: crate::dictionaries::DictOptions::default(),
            date: None,
            confidence: args.confidence,
        };
        crate::store::run_ingest(&ingest)?;
    }
    let db = args.db.display().to_string();
    dyad_server::run(&args.db, addr, |bound| {
        if !bound.ip().is_loopback() {
            eprintln!(
                "dyad: warning: listening on {bound}, not loopback: anyone who can reach this machine can read the store (no authentication)"
            );
        }
        let host = if bound.ip().is_unspecified() {
            "127.0.0.1".to_string()
        } else if bound.is_ipv6() {
            format!("[{}]", bound.ip())
        } else {
            bound.ip().to_string()
        };
        eprintln!(
            "dyad: serving {db} at http://{host}:{}/ (Ctrl-C to stop)",
            bound.port()
        );
    })
    .map_err(|e| e.to_string())?;
    eprintln!("dyad: stopped serving {db}");
    Ok(Outcome::Clean)
}
