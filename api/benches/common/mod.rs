//! What the benches share: the real `stride` binary serving the demo in a folder of its
//! own, and the operating system's account of its memory.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
};

/// A running `stride serve --demo`; stopped, and its folder removed, when dropped.
pub struct Server {
    pub child: Child,
    dir: PathBuf,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        std::fs::remove_dir_all(&self.dir).ok();
    }
}

/// Serves the demo from `dir` with these settings (`STRIDE_*` variables) on a free port.
pub fn serve(dir: &Path, settings: &[(&str, &str)]) -> std::io::Result<Server> {
    std::fs::create_dir_all(dir)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_stride"))
        .args(["serve", "--demo"])
        .current_dir(dir)
        .envs(settings.iter().copied())
        .env("STRIDE_PORT", port.to_string())
        .env("STRIDE_LOG_LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    Ok(Server {
        child,
        dir: dir.to_owned(),
        base: format!("http://127.0.0.1:{port}"),
    })
}

/// Resident memory of a process, in MiB.
pub fn resident_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kib| kib / 1024.0)
}
