# Builds the example functions for `sam build`: template.yaml gives each function
# `Metadata: BuildMethod: makefile` and `CodeUri: .`, so SAM runs `make build-<LogicalId>` here
# (in a copy of this folder unless --build-in-source) with ARTIFACTS_DIR set to the folder that
# becomes the function's code. It receives the layout Lambda gives a Java zip function: the
# examples' classes at its root and every runtime dependency jar in lib/.
#
# Every function gets the same code; only the Handler in template.yaml differs. Each target
# builds from clean so no class of a deleted source can reach a deployment. In-place builds
# (--build-in-source) share one target/ folder, so do not combine them with --parallel.
#
# By hand: make build-ApiGatewayFunction ARTIFACTS_DIR=/tmp/api-function

FUNCTIONS := ApiGatewayFunction SqsBatchFunction AsyncLookupFunction StreamEchoFunction OwnLogFormatFunction ApiGatewayEmfFunction
BUILD_TARGETS := $(addprefix build-,$(FUNCTIONS))

.PHONY: $(BUILD_TARGETS) examples-package task-root

$(BUILD_TARGETS): examples-package
	@$(MAKE) --no-print-directory task-root

# Lays out an examples module packaged before as the function's code. The build targets run it
# right after packaging; the examples' integration test runs it alone on the reactor's package.
task-root:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set; sam build sets it" >&2; exit 1; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp -R examples/target/classes/. "$(ARTIFACTS_DIR)/"
	cp examples/target/lib/*.jar "$(ARTIFACTS_DIR)/lib/"

# sh runs the wrapper even where a copy lost its executable bit.
examples-package:
	sh ./mvnw -B -q -pl examples -am clean package -DskipTests
