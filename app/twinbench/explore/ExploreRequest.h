#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace twins::app {

// One what-if request of the Explore dock: a query of a module with its arguments. `serial`
// grows with every request the dock makes, so an answer can be matched to the values that
// produced it.
struct ExploreRequest {
    quint64 serial = 0;
    QString module;
    QString query;
    QJsonObject arguments;
};

// What came back for one request.
struct ExploreAnswer {
    ExploreRequest request;
    bool ok = false;
    QJsonObject result;     // the worker's "result" when ok
    QString error;          // the worker's error text verbatim (or why it could not be asked)
    double latencyMs = 0.0; // request sent -> answer read, worker start not included
    // Said once, with the next answer: the session worker was started or restarted, and why.
    QString workerNote;
};

} // namespace twins::app

Q_DECLARE_METATYPE(twins::app::ExploreRequest)
Q_DECLARE_METATYPE(twins::app::ExploreAnswer)
