#pragma once

#include <QString>

namespace twins::insitu {

// insitu_live names HOST:PORT of a ParaView waiting for Catalyst Live. ParaView's own link,
// pointed at nothing, complains at every step; so the Publisher asks once, at the run's start,
// whether anything accepts a TCP connection there, and when nothing does it logs one warning
// and runs without Live (the run and its extracts go on).

// Why HOST:PORT is not reachable within timeoutMs: malformed, unknown host, refused, timed
// out. Empty when a TCP connection was accepted (and closed at once).
QString liveEndpointProblem(const QString& hostPort, int timeoutMs = 2000);

} // namespace twins::insitu
