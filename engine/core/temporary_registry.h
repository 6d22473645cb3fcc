// The temporary files this process is writing, in a fixed table a signal handler may
// read: no allocation, no lock, only atomics and unlink(2). Internal to core/file_io.
#pragma once

namespace vanban::file_io::temporaries {

// Registers `path` (a copy is kept); returns its slot, or -1 when the table is full or
// the path too long (the file is then simply not removed by a signal handler).
int add(const char* path) noexcept;

// Forgets the slot (after the file was renamed or removed); -1 is ignored.
void remove(int slot) noexcept;

// Unlinks every registered file. Async-signal-safe; a slot taken here stays taken (the
// process is ending).
void remove_all_files() noexcept;

}  // namespace vanban::file_io::temporaries
