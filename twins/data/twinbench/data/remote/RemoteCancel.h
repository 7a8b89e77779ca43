#pragma once

// Cancelling remote reads made deep inside a library call: the GUI opens a URL through
// Dataset::open, which reaches the HttpClient through HDF5's file driver or GDAL's file system,
// so no cancel flag can be handed down the call. Instead a RemoteCancelScope names a flag for
// the remote reads its thread makes while it lives; the client polls it during transfers and
// between retries (as it polls HttpOptions::cancel) and then throws HttpError with cancelled().
// Library calls that run on a helper thread (the HDF5 open under its deadline) carry the flag
// over with currentRemoteCancel().
#include <atomic>
#include <memory>

namespace twins::data::remote {

using CancelFlag = std::shared_ptr<const std::atomic<bool>>;

class RemoteCancelScope {
public:
    explicit RemoteCancelScope(CancelFlag flag);
    ~RemoteCancelScope();
    RemoteCancelScope(const RemoteCancelScope&) = delete;
    RemoteCancelScope& operator=(const RemoteCancelScope&) = delete;

private:
    CancelFlag m_previous;
};

// The flag of the innermost scope on this thread, or null.
CancelFlag currentRemoteCancel();

} // namespace twins::data::remote
