#pragma once
// The STAC test rig both STAC suites start (test_stac, test_stac_dock): the remote test files
// NAMES made by tests/fixtures/remote/make-test-data.py under FOLDER/data, a static catalogue
// over them, the fixture's nginx serving both, and the STAC API server of tests/fixtures/stac
// (its state in FOLDER/stac-api), all on 127.0.0.1.
#include "HttpFixture.h"
#include "ProcessRun.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <stdexcept>

namespace twins::testing {

inline QString stacFixtureScript() {
    return QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/stac/stac-fixture.sh");
}

// Starts the rig; `nginx` and `api` (the API's URL) are set. Returns "" or what failed.
inline QString startStacServers(const QTemporaryDir& folder, const QStringList& names,
                                std::unique_ptr<HttpFixture>& nginx, QString& api) {
    const QString files = folder.filePath(QStringLiteral("data"));
    const auto made = runProcess(
        QStringLiteral("/usr/bin/python3"),
        QStringList{QStringLiteral(TWINBENCH_SOURCE_DIR "/tests/fixtures/remote/make-test-data.py"),
                    files} +
            names,
        120000);
    if (!made.succeeded()) {
        return made.errors;
    }
    const auto catalogue =
        runProcess(QStringLiteral("bash"), {stacFixtureScript(), "catalogue", files});
    if (!catalogue.succeeded()) {
        return catalogue.errors;
    }
    try {
        nginx = std::make_unique<HttpFixture>(folder.filePath("nginx"), files);
    } catch (const std::exception& error) {
        return QString::fromUtf8(error.what());
    }
    const auto started = runProcess(
        QStringLiteral("bash"),
        {stacFixtureScript(), "start", folder.filePath(QStringLiteral("stac-api")), nginx->url()});
    if (!started.succeeded()) {
        return started.errors;
    }
    api = QString::fromUtf8(started.output).trimmed();
    return {};
}

inline void stopStacServers(const QTemporaryDir& folder, std::unique_ptr<HttpFixture>& nginx) {
    runProcess(QStringLiteral("bash"),
               {stacFixtureScript(), "stop", folder.filePath(QStringLiteral("stac-api"))});
    nginx.reset();
}

} // namespace twins::testing
