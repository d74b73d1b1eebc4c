# thaiplan in a container, for people who want neither Rust nor Python:
#
#     docker build -t thaiplan .
#     docker run --rm -v "$PWD:/data" thaiplan ingest /data/plans --out /data/out
#
# The image holds the `thaiplan` binary, tesseract with Thai (OCR of scans)
# and poppler-utils (pdftoppm renders scanned pages for tesseract). Runs as
# an unprivileged user; the working directory /data is meant for a volume.
# (Not built in this repository's CI: the CI box has no Docker engine.)

ARG RUST_VERSION=1.95
FROM rust:${RUST_VERSION}-slim-bookworm AS build
WORKDIR /src
COPY . .
# --locked: exactly the dependency versions of Cargo.lock. Only the main
# crate is built (the workspace's default member), not the Python bindings.
RUN cargo build --release --locked --bin thaiplan \
 && strip -o /thaiplan target/release/thaiplan

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-tha poppler-utils \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 thaiplan \
 && mkdir /data && chown thaiplan /data
COPY --from=build /thaiplan /usr/local/bin/thaiplan
USER thaiplan
WORKDIR /data
# OCR results are cached per page image; keep them with the outputs.
ENV THAIPLAN_OCR_CACHE=/data/.thaiplan-ocr-cache
ENTRYPOINT ["thaiplan"]
CMD ["--help"]
