// SPDX-License-Identifier: MIT
/* brk and the mmap family: argument checks, then mm/vm.c. A file is mapped by its own mmap
 * operation (device memory: /dev/fb0); a file without one is ENODEV, as on Linux for files
 * that cannot be mapped. */
#include "sys/syscalls.h"
#include "include/uapi/errno.h"
#include "mm/layout.h"
#include "mm/vm.h"
#include "fs/descriptors.h"
#include "fs/vfs.h"
#include "kernel/thread.h"

#define MAP_TYPE	 0x0f
#define KNOWN_PROTECTION (PROT_READ | PROT_WRITE | PROT_EXEC)

long sys_brk(unsigned long requested)
{
	return (long)vm_set_break(requested);
}

long sys_mmap(unsigned long address, unsigned long length, int protection, int flags, int fd,
	      long offset)
{
	if (protection & ~KNOWN_PROTECTION)
		return -EINVAL;
	if ((flags & MAP_TYPE) != MAP_PRIVATE && (flags & MAP_TYPE) != MAP_SHARED)
		return -EINVAL;
	if (offset & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {
		struct file *file = descriptor_get(fd);
		if (!file)
			return -EBADF;
		long result =
		    file->ops && file->ops->mmap
			? file->ops->mmap(file, length, (uint64_t)offset, protection, flags)
			: -ENODEV;
		file_put(file);
		return result;
	}
	return vm_map(address, length, protection, flags);
}

long sys_munmap(unsigned long address, unsigned long length)
{
	uint64_t stack_pointer = (uint64_t)__builtin_frame_address(0);
	struct thread *current = thread_current();

	/* A thread unmapping the stack it runs on (musl's __unmapself, just before exit): the
	 * system call itself still runs there, so the unmap waits until the thread is gone. */
	if (current && stack_pointer >= address && stack_pointer - address < length &&
	    scheduler_thread_count() > 1) {
		current->unmap_start = address;
		current->unmap_length = length;
		return 0;
	}
	return vm_unmap(address, length);
}

long sys_mprotect(unsigned long address, unsigned long length, int protection)
{
	if (protection & ~KNOWN_PROTECTION)
		return -EINVAL;
	return vm_protect(address, length, protection);
}

long sys_mremap(unsigned long old_address, unsigned long old_length, unsigned long new_length,
		int flags, unsigned long new_address)
{
	if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED))
		return -EINVAL;
	return vm_remap(old_address, old_length, new_length, flags, new_address);
}

long sys_madvise(unsigned long address, unsigned long length, int advice)
{
	if (advice == MADV_DONTNEED || advice == MADV_FREE)
		return vm_discard(address, length);
	if (address & (PAGE_SIZE - 1))
		return -EINVAL;
	return 0; /* other advice is a hint */
}
