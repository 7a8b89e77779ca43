#include "twinbench/data/remote/S3SettingsProvider.h"

#include <mutex>

namespace twins::data::remote {

namespace {

struct ProviderState {
    std::mutex mutex;
    S3SettingsProvider provider;
    bool asked = false;
    std::optional<S3Settings> settings;
};

ProviderState& state() {
    static ProviderState instance;
    return instance;
}

} // namespace

void setS3SettingsProvider(S3SettingsProvider provider) {
    ProviderState& shared = state();
    std::lock_guard lock(shared.mutex);
    shared.provider = std::move(provider);
    shared.asked = false;
    shared.settings.reset();
}

std::optional<S3Settings> providedS3Settings() {
    ProviderState& shared = state();
    std::lock_guard lock(shared.mutex);
    if (!shared.asked && shared.provider) {
        shared.settings = shared.provider(); // a throw leaves it to be asked again
        shared.asked = true;
    }
    return shared.settings;
}

void forgetProvidedS3Settings() {
    ProviderState& shared = state();
    std::lock_guard lock(shared.mutex);
    shared.asked = false;
    shared.settings.reset();
}

} // namespace twins::data::remote
