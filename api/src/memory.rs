//! glibc's malloc raises its mmap threshold each time a large block is freed, so after a
//! burst of password hashes (19 MiB each) those blocks come from the heap and stay
//! resident for good. Pinning the threshold keeps them mmapped, handed back on free.

/// 1 MiB: far above what requests allocate, far below a password hash's working memory.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1024 * 1024;

/// Called once at start, before the runtime starts its threads.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; `main` calls it before any other
    // thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}
