//! Allocator settings for a process that runs once and exits.
//!
//! glibc serves each allocation over 128 KB with a fresh `mmap` and returns it on free, and
//! gives back the top of the heap as soon as it passes 128 KB free. Every such allocation then
//! costs a page fault per 4 KB page it touches. A check allocates and frees buffers of that size
//! over and over (each regex compile zeroes a 400 KB cache), so on a single report the faults
//! cost more than the work. A process that exits within the second has no use for giving memory
//! back: keep it in the heap, where the next allocation reuses pages already mapped.
//!
//! Not applied to the language server, which lives as long as the editor.

/// Keep freed memory in the heap for reuse.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_freed_memory() {
    // The largest threshold glibc accepts on 64-bit targets; larger buffers are rare and big
    // enough that mapping them afresh costs little next to filling them.
    const MMAP_THRESHOLD: libc::c_int = 32 << 20;
    const TRIM_THRESHOLD: libc::c_int = 1 << 30;
    // SAFETY: mallopt only changes allocator parameters; glibc serialises it with allocations.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_freed_memory() {}
