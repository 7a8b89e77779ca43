#pragma once

/* The C entry points of the ParaView Catalyst adaptor library, libtwinbench_catalyst.so
 * (catalyst/, issue 24). Plain C on purpose: the adaptor is built against
 * ParaView 5.11 and its VTK 9.2, the worker's Publisher against neither, and they meet only
 * through dlopen/dlsym; nothing C++ (std::vector, exceptions, VTK types) crosses the boundary.
 * A snapshot here is a view of a twins::insitu::Snapshot (Snapshot.h): pointers into its
 * vectors, valid for the duration of one call only (the adaptor copies what it keeps). */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct below or a function's meaning changes: the Publisher refuses an
 * adaptor built with another version. */
#define TWINBENCH_CATALYST_ABI_VERSION 1

typedef struct {
    const char* name;
    const char* units;
    const char* standard_name;
    const double* values;
    size_t size;
} twinbench_catalyst_axis;

/* A field on axes of the snapshot (indices into its axes, slowest first, C order). */
typedef struct {
    const char* name;
    const char* units;
    const char* long_name;
    const char* standard_name;
    const size_t* axes;
    size_t axis_count;
    const float* values;
    size_t size;
} twinbench_catalyst_field;

typedef struct {
    const char* name;
    const char* units;
    const char* standard_name;
    const double* values; /* the point set's size values */
} twinbench_catalyst_column;

typedef struct {
    const char* name;
    const twinbench_catalyst_column* columns;
    size_t column_count;
    size_t size; /* points */
} twinbench_catalyst_point_set;

typedef struct {
    const char* name;
    const char* units;
    double value;
} twinbench_catalyst_scalar;

typedef struct {
    const char* stream;
    int64_t step;
    double time;
    const char* time_units;
    const char* calendar;
    const twinbench_catalyst_axis* axes;
    size_t axis_count;
    const twinbench_catalyst_field* fields;
    size_t field_count;
    const twinbench_catalyst_point_set* point_sets;
    size_t point_set_count;
    const twinbench_catalyst_scalar* scalars;
    size_t scalar_count;
} twinbench_catalyst_snapshot;

typedef struct {
    const char* script;            /* a ParaView Catalyst (V2) Python script */
    const char* working_directory; /* the script's relative extract paths resolve here */
    const char* live_url;          /* HOST:PORT of a ParaView waiting for Catalyst Live, or "" */
} twinbench_catalyst_settings;

/* Every function returning int returns 0 on success; otherwise it writes why, NUL-terminated
 * and truncated to message_size, into message. Co-processing runs once per process:
 * ParaView's Catalyst starts MPI in initialize and ends it in finalize, and MPI cannot start
 * twice in one process. */
int twinbench_catalyst_abi_version(void);
int twinbench_catalyst_initialize(const twinbench_catalyst_settings* settings, char* message,
                                  size_t message_size);
int twinbench_catalyst_coprocess(const twinbench_catalyst_snapshot* snapshot, char* message,
                                 size_t message_size);
int twinbench_catalyst_finalize(char* message, size_t message_size);

typedef int (*twinbench_catalyst_abi_version_function)(void);
typedef int (*twinbench_catalyst_initialize_function)(const twinbench_catalyst_settings*, char*,
                                                      size_t);
typedef int (*twinbench_catalyst_coprocess_function)(const twinbench_catalyst_snapshot*, char*,
                                                     size_t);
typedef int (*twinbench_catalyst_finalize_function)(char*, size_t);

#ifdef __cplusplus
}
#endif
