// Interlocked operations (windows.h includes this file). In the SDK they are <winnt.h> macros over
// compiler intrinsics; here they are inline functions over the GCC/Clang atomic builtins, with
// the same names, argument order and results, and a full memory barrier like the intrinsics.
//   Increment/Decrement/Add return the NEW value; Exchange/ExchangeAdd/CompareExchange the OLD one.
#pragma once
#pragma GCC system_header

#include "windows.h"

#define OVLAB_INTERLOCKED static inline __attribute__((always_inline, unused))

OVLAB_INTERLOCKED LONG InterlockedIncrement(LONG volatile* Addend) {
    return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG InterlockedDecrement(LONG volatile* Addend) {
    return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG InterlockedAdd(LONG volatile* Addend, LONG Value) {
    return __atomic_add_fetch(Addend, Value, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG InterlockedExchange(LONG volatile* Target, LONG Value) {
    return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG InterlockedExchangeAdd(LONG volatile* Addend, LONG Value) {
    return __atomic_fetch_add(Addend, Value, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG InterlockedCompareExchange(LONG volatile* Destination, LONG ExChange, LONG Comperand) {
    __atomic_compare_exchange_n(Destination, &Comperand, ExChange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return Comperand;  // the initial value: equal to Comperand exactly when the exchange happened
}

OVLAB_INTERLOCKED LONG64 InterlockedIncrement64(LONG64 volatile* Addend) {
    return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG64 InterlockedDecrement64(LONG64 volatile* Addend) {
    return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG64 InterlockedAdd64(LONG64 volatile* Addend, LONG64 Value) {
    return __atomic_add_fetch(Addend, Value, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG64 InterlockedExchange64(LONG64 volatile* Target, LONG64 Value) {
    return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG64 InterlockedExchangeAdd64(LONG64 volatile* Addend, LONG64 Value) {
    return __atomic_fetch_add(Addend, Value, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED LONG64 InterlockedCompareExchange64(LONG64 volatile* Destination, LONG64 ExChange,
                                                      LONG64 Comperand) {
    __atomic_compare_exchange_n(Destination, &Comperand, ExChange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return Comperand;
}

OVLAB_INTERLOCKED PVOID InterlockedExchangePointer(PVOID volatile* Target, PVOID Value) {
    return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST);
}
OVLAB_INTERLOCKED PVOID InterlockedCompareExchangePointer(PVOID volatile* Destination, PVOID Exchange,
                                                         PVOID Comperand) {
    __atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return Comperand;
}

#undef OVLAB_INTERLOCKED
