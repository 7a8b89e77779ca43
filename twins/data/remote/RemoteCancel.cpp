#include "twinbench/data/remote/RemoteCancel.h"

namespace twins::data::remote {

namespace {
thread_local CancelFlag currentFlag;
} // namespace

RemoteCancelScope::RemoteCancelScope(CancelFlag flag) : m_previous(std::move(currentFlag)) {
    currentFlag = std::move(flag);
}

RemoteCancelScope::~RemoteCancelScope() {
    currentFlag = std::move(m_previous);
}

CancelFlag currentRemoteCancel() {
    return currentFlag;
}

} // namespace twins::data::remote
