# syntax=docker/dockerfile:1
# The Briefing bot: `docker build -t briefing:local .` (docs/deploy.md). The install and model
# steps are docker/install.sh, which tests/deploy/test_image_install.py runs in a fresh virtual
# environment.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# Optional pip index with CPU-only torch wheels; without it torch comes from PyPI (docs/deploy.md).
ARG TORCH_INDEX_URL=""
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BRIEFING_MODEL_CACHE_DIR=/opt/briefing/models
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml ./
COPY briefing ./briefing
COPY retrieval ./retrieval
COPY answering ./answering
COPY bot ./bot
COPY docker/install.sh ./docker/install.sh
RUN sh docker/install.sh /src

FROM ${PYTHON_IMAGE}
LABEL org.opencontainers.image.title="briefing" \
      org.opencontainers.image.description="Grounded, cited multilingual briefings over Telegram"
RUN groupadd --system --gid 10001 briefing \
    && useradd --system --uid 10001 --gid briefing --no-log-init --home-dir /data briefing
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/briefing/models /opt/briefing/models
COPY docker/healthcheck.py /opt/briefing/healthcheck.py
# The shipped corpus seeds a new named volume; the index is built from it on first start.
COPY --chown=briefing:briefing corpus /data/corpus
RUN mkdir -p /data/index /data/state /data/chroma \
    && chown briefing:briefing /data /data/index /data/state /data/chroma
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    ANONYMIZED_TELEMETRY=False \
    BRIEFING_MODEL_CACHE_DIR=/opt/briefing/models \
    BRIEFING_CORPUS_DIR=/data/corpus \
    BRIEFING_INDEX_DIR=/data/index \
    BRIEFING_DATA_DIR=/data/state \
    BRIEFING_WEBHOOK_HOST=0.0.0.0 \
    BRIEFING_WEBHOOK_PORT=8080
VOLUME ["/data/corpus", "/data/index", "/data/state"]
USER 10001:10001
WORKDIR /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "/opt/briefing/healthcheck.py"]
CMD ["briefing", "bot"]
