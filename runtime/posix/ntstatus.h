// NTSTATUS values the socket and pipe code writes into OVERLAPPED.Internal (the names and
// meanings printed for them live in ovlab/status_codes.h).
#pragma once

#include <cstdint>

namespace ovlab::posix {

constexpr uint32_t kStatusSuccess = 0x00000000u;
constexpr uint32_t kStatusPending = 0x00000103u;
constexpr uint32_t kStatusCancelled = 0xC0000120u;
constexpr uint32_t kStatusInvalidHandle = 0xC0000008u;
constexpr uint32_t kStatusInvalidParameter = 0xC000000Du;
constexpr uint32_t kStatusInvalidDeviceRequest = 0xC0000010u;
constexpr uint32_t kStatusIoTimeout = 0xC00000B5u;
constexpr uint32_t kStatusPipeDisconnected = 0xC00000B0u;
constexpr uint32_t kStatusPipeClosing = 0xC00000B1u;
constexpr uint32_t kStatusPipeConnected = 0xC00000B2u;
constexpr uint32_t kStatusPipeListening = 0xC00000B3u;
constexpr uint32_t kStatusPipeBroken = 0xC000014Bu;
constexpr uint32_t kStatusInvalidConnection = 0xC0000140u;
constexpr uint32_t kStatusAddressAlreadyExists = 0xC000020Au;
constexpr uint32_t kStatusConnectionReset = 0xC000020Du;
constexpr uint32_t kStatusConnectionRefused = 0xC0000236u;
constexpr uint32_t kStatusConnectionAborted = 0xC0000241u;
constexpr uint32_t kStatusNetworkUnreachable = 0xC000023Cu;
constexpr uint32_t kStatusHostUnreachable = 0xC000023Du;
constexpr uint32_t kStatusInsufficientResources = 0xC000009Au;
constexpr uint32_t kStatusTooManyOpenedFiles = 0xC000011Fu;
constexpr uint32_t kStatusDeviceNotReady = 0xC00000A3u;  // a non-blocking socket call would block

// NT_SUCCESS: success and informational statuses; warnings (0x8...) and errors (0xC...) fail.
constexpr bool nt_success(uint32_t status) { return static_cast<int32_t>(status) >= 0; }

}  // namespace ovlab::posix
