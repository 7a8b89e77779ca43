#include "twinbench/federation/BlockingHttp.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

namespace twins::federation {

HttpReply blockingHttpRequest(const QByteArray& method, const QUrl& url, const HttpHeaders& headers,
                              const QByteArray& body, std::chrono::milliseconds timeout) {
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    for (const auto& [name, value] : headers) {
        request.setRawHeader(name, value);
    }
    // JSON unless the caller says otherwise (OAuth token requests are form-encoded).
    if (!body.isEmpty() && !request.hasRawHeader(QByteArrayLiteral("Content-Type"))) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    }
    request.setTransferTimeout(static_cast<int>(timeout.count()));
    // Never followed: a redirect would carry the headers (the caller's token among them) to
    // wherever the server points, past the check of SecretDestination.h.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    std::unique_ptr<QNetworkReply> reply(manager.sendCustomRequest(request, method, body));

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
        loop.quit();
    });
    deadline.start(timeout);
    if (!reply->isFinished()) {
        loop.exec();
    }

    HttpReply result;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    result.answered = status.isValid() && !timedOut;
    result.status = status.toInt();
    result.body = reply->readAll();
    if (timedOut) {
        result.errorText = QStringLiteral("no answer from %1 within %2 s")
                               .arg(url.toString(QUrl::RemoveUserInfo))
                               .arg(timeout.count() / 1000.0);
    } else if (!result.answered) {
        result.errorText =
            QStringLiteral("%1: %2").arg(url.toString(QUrl::RemoveUserInfo), reply->errorString());
    } else {
        result.errorText = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    }
    return result;
}

} // namespace twins::federation
