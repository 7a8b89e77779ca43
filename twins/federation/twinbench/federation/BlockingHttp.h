#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <chrono>

namespace twins::federation {

struct HttpReply {
    bool answered = false; // false: no HTTP answer at all (refused, timeout, DNS, TLS, ...)
    int status = 0;
    QByteArray body;
    QString errorText; // the transport error, or the HTTP reason phrase
};

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One HTTP request, waited for in a private event loop on the calling thread and aborted after
// `timeout`. For worker threads only (see Executor.h): the QNetworkAccessManager lives and dies
// inside the call, so nothing of it is shared between threads. Never throws.
HttpReply blockingHttpRequest(const QByteArray& method, const QUrl& url, const HttpHeaders& headers,
                              const QByteArray& body, std::chrono::milliseconds timeout);

} // namespace twins::federation
