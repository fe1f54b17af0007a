# ccplan release image: build with the Swift toolchain, run on slim Debian with the BLAS/LAPACK
# runtime libraries only.
#   docker build -t ccplan:0.1.0 .
#   docker run --rm -v "$PWD/data:/data" ccplan:0.1.0 batch --config /data/batch.yaml --out /data/out

# --- build -------------------------------------------------------------------------------
# The toolchain ccplan is built and tested with (Swift 6.3.1 on Debian 12 bookworm).
ARG SWIFT_VERSION=6.3.1
FROM swift:${SWIFT_VERSION}-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libopenblas-dev liblapack-dev liblapacke-dev pkg-config coinor-libcbc-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Package.resolved is not committed: versions resolve from Package.swift. SwiftPM checks that
# every target's directory exists when it loads the manifest, test targets included.
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product ccplan --static-swift-stdlib \
 && mkdir -p /out \
 && cp "$(swift build -c release --show-bin-path)/ccplan" /out/ccplan \
 && strip /out/ccplan

# --- runtime -----------------------------------------------------------------------------
FROM debian:bookworm-slim
# libopenblas0 provides libopenblas.so.0 (BLAS + LAPACK); liblapacke the C interface;
# coinor-libcbc3 the MILP solver (its liblapack.so.3/libblas.so.3 resolve to OpenBLAS through
# Debian's alternatives, as in the build stage); tzdata the IANA zones ccplan plans in. The Swift runtime is linked in (--static-swift-stdlib).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libopenblas0 liblapacke coinor-libcbc3 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --create-home --shell /usr/sbin/nologin ccplan
COPY --from=build /out/ccplan /usr/local/bin/ccplan
USER 10001
WORKDIR /data
ENTRYPOINT ["/usr/local/bin/ccplan"]
CMD ["--help"]
