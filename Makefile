# serverless-shop: the commands people type. `make` alone lists them.
.DEFAULT_GOAL := help
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
MAKEFLAGS += --no-print-directory

# A JDK 25 or newer, found by itself when the default `java` is older (scripts/find-jdk).
JDK := $(shell scripts/find-jdk 2>/dev/null)
export JAVA_HOME := $(JDK)
MVN := ./mvnw -B -ntp

.PHONY: help build test soak lint format run token verify bench deploy destroy clean jdk api-release FORCE

# The local cloud (make run) runs build output: routes.json, each function's Lambda directory
# (<module>/target/lambda: its Dockerfile, lib/ and training/ for the AOT cache), the Runtime Interface
# Client, DynamoDB Local and the gateway itself.
# It is rebuilt when anything is missing or a source, pom or contract is newer than the last build.
GATEWAY := local-cloud/gateway/target
GATEWAY_CP := $(GATEWAY)/classes:$(GATEWAY)/lib/*
# The benchmark harness (benchmarks/): built with everything else, run by make bench.
BENCH := benchmarks/target
BENCH_CP := $(BENCH)/classes:$(BENCH)/lib/*
BUILD_STAMP := $(GATEWAY)/build.stamp
BUILD_INPUTS := $(shell find pom.xml api-spec http-api-event service-support lambda-function-parent *-impl aot-training local-cloud benchmarks \
  \( -name target -o -name node_modules \) -prune -o \
  \( -name pom.xml -o -name '*.yaml' -o -path '*/src/*' \) -print 2>/dev/null)
RUN_OUTPUTS := api-spec/target/routes.json local-cloud/lambda-runtime/target/lib \
  local-cloud/dynamodb-local/target/lib $(GATEWAY)/classes $(GATEWAY)/lib $(BENCH)/classes $(BENCH)/lib \
  $(foreach function,$(wildcard *-impl),$(function)/target/lambda/Dockerfile $(function)/target/lambda/lib $(function)/target/lambda/training)
MISSING := $(filter-out $(wildcard $(RUN_OUTPUTS)),$(RUN_OUTPUTS))
# The site: built by npm (the TypeScript client first), served at / by the gateway.
SITE := static-site/dist/index.html
SITE_INPUTS := $(shell find static-site generated-ts-client \( -name dist -o -name node_modules -o -name test-results \
  -o -name generated \) -prune -o -type f -print 2>/dev/null)
# make soak: the long versions of the suites that read SHOP_SOAK=1. A module with such suites joins with
# one line (SOAK_MODULES += <module>); -am builds (and tests) what they run, so the run needs a clean clone only.
SOAK_MODULES := reliability
comma := ,
empty :=
space := $(empty) $(empty)
# When a suite fails: the summary of what ran so far, then the failure.
FAILED = { scripts/test-summary || true; exit 1; }

help: ## List the commands
	@echo "serverless-shop — make <command>:"
	@if [ -t 1 ]; then on=$$'\033[36m' off=$$'\033[0m'; else on= off=; fi; \
	  awk -v on="$$on" -v off="$$off" 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %s%-9s%s %s\n", on, $$1, off, $$2}' $(MAKEFILE_LIST)

jdk:
	@if [[ -z "$(JDK)" ]]; then scripts/find-jdk; fi
	@echo "Using the JDK at $(JDK)"

node_modules: package.json package-lock.json generated-ts-client/package.json terraform/test/package.json static-site/package.json
	npm ci
	@touch node_modules

build: jdk node_modules ## Generate code from the contracts and build everything (no tests)
	$(MVN) -DskipTests install
	npm run build -w generated-ts-client
	npm run build -w static-site

# The Java gates run from the root pom alone (-N), one pass over every module's written sources (the two parentless
# modules under local-cloud/ too, which a reactor-wide spotless goal would not find the plugin in): the layout
# (Spotless with palantir-java-format; make format fixes it) and Checkstyle's rules (.mvn/checkstyle.xml).
lint: jdk node_modules ## Lint the contracts (Spectral, OWASP rules), the Java (Spotless, Checkstyle), the site and the client (ESLint, Prettier), the scripts (ShellCheck), Terraform (fmt), the Markdown links
	npm run lint:api
	$(MVN) -q -N spotless:check checkstyle:check || { echo "make lint: make format fixes the Java layout; Checkstyle's findings are listed above" >&2; exit 1; }
	npm run lint:ts
	npm run lint:sh
	npm run lint:tf
	npm run lint:docs

format: jdk ## Lay out every module's Java as make lint wants it (Spotless, palantir-java-format)
	$(MVN) -q -N spotless:apply

# After Maven (which also writes routes.json): terraform/test, the deploy script's dry run, then Terraform
# itself (fmt -check, init from the provider mirror, validate, terraform test against a mocked AWS).
# After Maven (which generates the TypeScript client): the client's and the site's type checks and
# unit tests (Vitest), the site's build, the client as a consumer gets it (packed, installed in a fresh
# folder, compiled, called from plain Node against a local cloud), the site's size budget, then the
# browser tests (playwright-core and Debian's Chromium against a local cloud started as `make run`
# starts it; without Chromium they say so and skip, under CI=true they fail). Each Vitest run leaves a
# JUnit file for the summary. Checkstyle, which every Maven build runs first, is skipped there: lint has just run it.
test: jdk lint ## Lint, then run every test suite, and print a summary
	@rm -rf terraform/test/target
	rm -f generated-ts-client/test-results/junit-*.xml static-site/test-results/junit-*.xml static-site/test-results/contracts-*.jsonl
	$(MVN) -Dcheckstyle.skip clean install || $(FAILED)
	npm test -w terraform/test || $(FAILED)
	npm run typecheck -w generated-ts-client || $(FAILED)
	npm test -w generated-ts-client || $(FAILED)
	npm run build -w generated-ts-client
	npm run build -w static-site || $(FAILED)
	npm run test:package -w generated-ts-client || $(FAILED)
	npm test -w static-site || $(FAILED)
	npm run budget -w static-site -- --size-only || $(FAILED)
	npm run test:e2e -w static-site || $(FAILED)
	@scripts/test-summary

# The contracts as released are what the breaking-change gate (api-spec/api-compat) holds every change to.
# Cutting a release: bump the one version (both contracts' info.version, generated-ts-client/package.json,
# static-site's dependency on it; npm install updates the lock), make test, then make api-release.
api-release: jdk ## Make the contracts as they are the released ones (after bumping their version)
	@$(MVN) -q -pl api-spec/api-compat -am -Dapi.release.skip=false process-classes

soak: jdk ## Run the long versions of the reliability suites (SHOP_SOAK=1; a long while)
	SHOP_SOAK=1 $(MVN) -DskipTests=false verify -pl $(subst $(space),$(comma),$(strip $(SOAK_MODULES))) -am

run: jdk $(BUILD_STAMP) $(SITE) ## Start the whole shop on this machine (Ctrl-C stops it; ARGS="--in-memory --no-seed")
	@exec "$(JDK)/bin/java" -cp '$(GATEWAY_CP)' serverlessshop.localcloud.LocalCloud $(ARGS)

token: ## Print an access token of the running shop: make token USER=alice; ADMIN=1: an administrator's (for /admin)
	@[[ -n "$(JDK)" ]] || scripts/find-jdk >/dev/null
	@[[ -d $(GATEWAY)/classes ]] || { echo "make token: start the shop first: make run" >&2; exit 1; }
	@"$(JDK)/bin/java" -cp '$(GATEWAY_CP)' serverlessshop.localcloud.issuer.TokenCommand \
	  --user "$(USER)" $(if $(filter 1 true yes,$(ADMIN)),--admin)

# Black-box checks of a running shop (the local cloud by default, or an AWS stage's URL), every answer held
# to the contracts; TOKEN_CMD and ADMIN_TOKEN_CMD print access tokens where there is no local issuer.
verify: jdk $(BUILD_STAMP) ## Check a running shop against the contracts (URL=https://... WRITE=1; README)
	@"$(JDK)/bin/java" -cp '$(GATEWAY_CP)' serverlessshop.localcloud.verify.Verify $(if $(URL),--url '$(URL)') \
	  $(if $(filter 1 true yes,$(WRITE)),--write)

$(BUILD_STAMP): node_modules $(BUILD_INPUTS) $(if $(MISSING),FORCE)
	@echo "Building the shop (the first time takes a minute or two; errors are shown)..."
	@$(MVN) -q -DskipTests install
	@touch $@

$(SITE): $(BUILD_STAMP) node_modules $(SITE_INPUTS)
	npm run build -w generated-ts-client
	npm run build -w static-site

FORCE:

bench: jdk $(BUILD_STAMP) ## Measure cold starts, latency, scale, contention, memory into BENCHMARKS.md (ARGS="--quick")
	@"$(JDK)/bin/java" -cp '$(BENCH_CP)' serverlessshop.bench.Bench $(ARGS)

# scripts/deploy does the work; DRY_RUN=1 prints every command instead of running it.
DEPLOY_FLAGS := $(if $(filter 1 true yes,$(DRY_RUN)),--dry-run)

deploy: ## Build, push and deploy everything to AWS, then print the URLs (DRY_RUN=1: print the commands only)
	@scripts/deploy $(DEPLOY_FLAGS) deploy

destroy: ## Delete everything make deploy made in AWS, after asking (DRY_RUN=1: print the commands only)
	@scripts/deploy $(DEPLOY_FLAGS) destroy

clean: ## Remove build output and generated sources
	$(MVN) -q clean || true
	rm -rf generated-ts-client/src/generated generated-ts-client/dist
