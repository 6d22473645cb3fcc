// An object kept per thread (a HarfBuzz buffer, an ICU break iterator) and destroyed when
// its thread ends, through a POSIX key. Unlike a C++ thread_local with a destructor, whose
// first use in a thread allocates to register that destructor (glibc aborts the process
// when it cannot: "failed to register TLS destructor"), keeping or finding the object
// allocates nothing that can end the process; when it cannot be kept, the caller owns it.
#pragma once
#include <dlfcn.h>
#include <pthread.h>

#include <new>

namespace vanban {

template <typename T>
class ThreadCache {
 public:
  using Destroy = void (*)(void*);
  // Meant as a function-local static: trivially destructible, the key is never deleted.
  explicit ThreadCache(Destroy destroy) {
    if (pthread_key_create(&key_, destroy) != 0) throw std::bad_alloc();
    // A thread may end after a host program unloaded the library (dlclose, as Node's FFI
    // does at exit): `destroy` must still be there. Pin the library that holds it, as
    // glibc does for C++ thread_local destructors.
    Dl_info info;
    if (dladdr(reinterpret_cast<void*>(destroy), &info) && info.dli_fname) {
      dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
    }
  }
  // This thread's object, or null.
  T* get() const { return static_cast<T*>(pthread_getspecific(key_)); }
  // Keeps `object` for this thread (destroyed when it ends); false when it cannot, and
  // the caller keeps it.
  bool keep(T* object) const { return pthread_setspecific(key_, object) == 0; }

 private:
  pthread_key_t key_;
};

}  // namespace vanban
