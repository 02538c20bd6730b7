/* dirty_pages.c — which heap pages were written since the previous collection, from the kernel's
 * asynchronous userfaultfd write protection (Linux 6.7 and later). The ROOT range is registered
 * with a userfaultfd in write-protect mode with UFFD_FEATURE_WP_ASYNC: a write to a protected
 * page does not stop the writer or wait for a handler thread, the kernel simply drops the
 * protection of that page (for writes by the program, by other threads and by the kernel itself,
 * e.g. read(2) into a malloc'ed buffer). Each collection asks /proc/self/pagemap's PAGEMAP_SCAN
 * for the pages whose protection is gone (PAGE_IS_WRITTEN) and, in the same walk, protects them
 * again (PM_SCAN_WP_MATCHING): the page table itself is the dirty bitmap.
 *
 * Why not mprotect and SIGSEGV: a system call that writes into a protected page fails with
 * EFAULT instead of faulting, and the program's own SIGSEGV handlers would see escrt's faults.
 * Why not soft-dirty bits: this kernel does not have them (and they need clear_refs, which
 * walks the whole address space).
 *
 * Only in ESC_GC_STRESS runs (collect.c decides): every first write to a page after a collection
 * costs a minor fault, which pays off when collections come every few allocations, not when the
 * collector paces itself. Where the kernel lacks the feature (Debian 12's 6.1), where it is
 * refused (seccomp, Valgrind), in a fork child (whose copy of the heap is not registered) or
 * after the program closed escrt's userfaultfd, esc_dirty_pages_take fails and keeps failing:
 * the caller then treats every page as written, which is today's full scan.
 *
 * Invariant: while esc_dirty_pages_take keeps succeeding, a heap page it did not report written
 * has not been written since the previous successful take, which returned with that page
 * protected. Called only with the allocator lock held and the world stopped. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's ABI (linux/fs.h and linux/userfaultfd.h of 6.7), which Debian 12's headers lack;
 * the running kernel decides whether it exists. */
#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1
#endif
#ifndef UFFD_FEATURE_WP_ASYNC
#define UFFD_FEATURE_WP_ASYNC (1 << 15)
#endif
#ifndef PAGEMAP_SCAN
struct page_region {
  uint64_t start, end, categories;
};
struct pm_scan_arg {
  uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
  uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_WRITTEN (1 << 1)
#define PM_SCAN_WP_MATCHING (1 << 0)
#define PM_SCAN_CHECK_WPASYNC (1 << 1)
#endif

/* The kernel's answer: ranges of written pages, i.e. heap addresses. In memory that is not a root
 * (a static array would be scanned with the data segment, and keep objects at page starts). */
#define REGIONS 256
static struct page_region *regions;

static enum {
  TRACKING_OFF,       /* not wanted, or not available: every page counts as written */
  TRACKING_WANTED,    /* wanted; the first take registers the heap */
  TRACKING_REGISTERED /* the heap is registered: takes report what was written */
} state = TRACKING_OFF;

void esc_dirty_pages_enable(bool wanted) { state = wanted ? TRACKING_WANTED : TRACKING_OFF; }

/* Registers the ROOT range of the heap (malloc'ed and pinned blocks, heap.c) for write
 * protection: collectable pages are never protected, so their writes never fault.
 * UFFD_USER_MODE_ONLY lets a process without privileges (vm.unprivileged_userfaultfd=0) have a
 * userfaultfd; it only refuses to handle faults taken in the kernel, which the asynchronous mode
 * never hands to a handler. The descriptor stays open (closing it would end the registration) and
 * is closed on exec. */
static bool register_heap(void) {
  uint32_t root_first = esc_heap.ranges[ESC_RANGE_ROOT].first;
  regions = esc_map_unscanned(REGIONS * sizeof *regions);
  if (!regions)
    return false;
  int uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK | UFFD_USER_MODE_ONLY);
  if (uffd < 0)
    return false;
  struct uffdio_api api = {.api = UFFD_API, .features = UFFD_FEATURE_WP_ASYNC};
  struct uffdio_register range = {
      .range = {.start = (uintptr_t)esc_block_address(root_first),
                .len = esc_heap.span - ((uintptr_t)root_first << ESC_BLOCK_SHIFT)},
      .mode = UFFDIO_REGISTER_MODE_WP};
  if (ioctl(uffd, UFFDIO_API, &api) != 0 || !(api.features & UFFD_FEATURE_WP_ASYNC) ||
      ioctl(uffd, UFFDIO_REGISTER, &range) != 0) {
    close(uffd);
    return false;
  }
  return true;
}

/* /proc/self/pagemap, opened once (opening it at every collection cost as much as the walk).
 * A descriptor opened by the parent reads the parent's page tables in a fork child, and the
 * program may close the descriptor or put another file at its number: the pid and the file's
 * identity are checked before each use, and a mismatch ends tracking. */
static struct {
  int fd;
  pid_t pid;
  dev_t device;
  ino_t inode;
} pagemap = {-1, 0, 0, 0};

static bool pagemap_ready(void) {
  struct stat now;
  if (pagemap.fd >= 0)
    return getpid() == pagemap.pid && fstat(pagemap.fd, &now) == 0 &&
           now.st_dev == pagemap.device && now.st_ino == pagemap.inode;
  int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  if (fstat(fd, &now) != 0) {
    close(fd);
    return false;
  }
  pagemap.fd = fd;
  pagemap.pid = getpid();
  pagemap.device = now.st_dev;
  pagemap.inode = now.st_ino;
  return true;
}

/* Reports the written pages of [FIRST, LIMIT) blocks to WRITTEN as block ranges and protects
 * them again. With PM_SCAN_CHECK_WPASYNC the walk fails rather than report a range that is not
 * registered (a fork child's copy of the heap). */
static bool take_registered(uint32_t first, uint32_t limit,
                            void (*written)(uint32_t lo, uint32_t hi)) {
  if (!pagemap_ready())
    return false;
  uint64_t end = (uint64_t)(uintptr_t)esc_block_address(limit);
  struct pm_scan_arg scan = {.size = sizeof scan,
                             .flags = PM_SCAN_WP_MATCHING | PM_SCAN_CHECK_WPASYNC,
                             .start = (uint64_t)(uintptr_t)esc_block_address(first),
                             .end = end,
                             .vec = (uint64_t)(uintptr_t)regions,
                             .vec_len = REGIONS,
                             .category_mask = PAGE_IS_WRITTEN,
                             .return_mask = PAGE_IS_WRITTEN};
  bool complete = false;
  for (;;) {
    long found = ioctl(pagemap.fd, PAGEMAP_SCAN, &scan);
    if (found < 0 && errno == EINTR)
      continue;
    if (found < 0)
      break;
    for (long r = 0; r < found; r++) {
      uintptr_t lo = (uintptr_t)regions[r].start - (uintptr_t)esc_heap.base;
      uintptr_t hi = (uintptr_t)regions[r].end - (uintptr_t)esc_heap.base;
      written((uint32_t)(lo >> ESC_BLOCK_SHIFT),
              (uint32_t)((hi + ESC_BLOCK_SIZE - 1) >> ESC_BLOCK_SHIFT));
    }
    if (scan.walk_end >= end) {
      complete = true;
      break;
    }
    if (scan.walk_end <= scan.start)
      break; /* no progress: give up rather than loop */
    scan.start = scan.walk_end;
  }
  return complete;
}

bool esc_dirty_pages_take(uint32_t first, uint32_t limit,
                          void (*written)(uint32_t lo, uint32_t hi)) {
  if (state == TRACKING_WANTED)
    state = register_heap() ? TRACKING_REGISTERED : TRACKING_OFF;
  if (state != TRACKING_REGISTERED)
    return false;
  if (first >= limit)
    return true;
  if (!take_registered(first, limit, written))
    state = TRACKING_OFF; /* what was written is unknown from now on */
  return state == TRACKING_REGISTERED;
}
