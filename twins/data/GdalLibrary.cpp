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

DataType dataTypeOfGdal(GDALDataType type) {
    switch (type) {
    case GDT_Byte:
        return DataType::UInt8;
    case GDT_UInt16:
        return DataType::UInt16;
    case GDT_Int16:
        return DataType::Int16;
    case GDT_UInt32:
        return DataType::UInt32;
    case GDT_Int32:
        return DataType::Int32;
    case GDT_UInt64:
        return DataType::UInt64;
    case GDT_Int64:
        return DataType::Int64;
    case GDT_Float32:
        return DataType::Float32;
    case GDT_Float64:
        return DataType::Float64;
    default:
        return DataType::Other;
    }
}

std::string lastGdalError() {
    const char* message = CPLGetLastErrorMsg();
    return (message != nullptr && *message != '\0') ? std::string(message)
                                                    : std::string("no detail from GDAL");
}

} // namespace twins::data
