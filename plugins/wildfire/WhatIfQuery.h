#pragma once

#include <QJsonObject>
#include <QString>

#include <memory>

// The what_if query of the session worker (issue 19 item 6): a trained model's burned
// probability for one 8-day step of a cube, with temperature and precipitation changed inside a
// region, answered as a map.
namespace wildfire {

class WhatIfSession;

// Holds the loaded models and the open cube between queries (the worker keeps the module, so
// only the first query of a model and cube pays for loading them).
class WhatIfCache {
public:
    WhatIfCache();
    ~WhatIfCache();
    std::unique_ptr<WhatIfSession> session;
};

// Throws SdkError naming the bad argument.
QJsonObject whatIfQuery(const QJsonObject& arguments, WhatIfCache& cache);

} // namespace wildfire
