#include "twinbench/data/GdalLibrary.h"

#include <gdal.h>

#include <cpl_error.h>
#include <mutex>

namespace twins::data {

void ensureGdalRegistered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorScope::GdalErrorScope() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

GdalErrorScope::~GdalErrorScope() {
    CPLPopErrorHandler();
}

std::string lastGdalError() {
    const char* message = CPLGetLastErrorMsg();
    return (message != nullptr && *message != '\0') ? std::string(message)
                                                    : std::string("no detail from GDAL");
}

} // namespace twins::data
