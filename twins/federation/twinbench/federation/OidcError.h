#pragma once

#include "twinbench/federation/FederationError.h"

namespace twins::federation {

// A failure of OIDC sign-in or of getting an access token, with what the user can do about it.
// Its message never carries a token, a device code or a provider's raw answer body.
class OidcError : public FederationError {
public:
    enum class Kind {
        SignInRequired, // not signed in, or the sign-in ended (refresh token revoked or expired)
        Denied,         // the user (or the provider) refused the sign-in
        Expired,        // the user code expired before anyone approved it
        Cancelled,      // the user stopped waiting
        Failed,         // the provider or the network failed; trying again may help
    };

    OidcError(Kind kind, const QString& message) : FederationError(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace twins::federation
