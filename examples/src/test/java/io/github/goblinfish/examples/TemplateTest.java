package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import io.github.goblinfish.metrics.trackers.lambda.HandlerConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml checked by cfn-lint after the SAM transform and by the project's own structural
 * rules, against the examples module, the Makefile and events/.
 */
class TemplateTest {
  /** Keeps whole numbers whole through a copy: cfn-lint rejects {@code "BatchSize": 10.0}. */
  private static final Gson GSON =
      new GsonBuilder().setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();

  /**
   * The sample events of each function. Convention: {@code events/<event source or function>-
   * <case>.json}, holding exactly what Lambda passes to that function for the case.
   */
  static final Map<String, List<String>> EVENTS_BY_FUNCTION =
      Map.of(
          "ApiGatewayFunction",
          List.of(
              "api-gateway-get-order.json",
              "api-gateway-unknown-order.json",
              "api-gateway-bad-request.json"),
          "SqsBatchFunction",
          List.of("sqs-batch.json"),
          "AsyncLookupFunction",
          List.of("async-lookup.json"),
          "StreamEchoFunction",
          List.of("stream-echo.json"),
          "OwnLogFormatFunction",
          List.of("own-log-format.json"),
          "ApiGatewayEmfFunction",
          List.of("api-gateway-get-order.json"));

  /** What every resource of a template may hold besides its type, as CloudFormation defines. */
  static final Set<String> RESOURCE_ATTRIBUTES =
      Set.of(
          "Type",
          "Properties",
          "Metadata",
          "DependsOn",
          "Condition",
          "DeletionPolicy",
          "UpdateReplacePolicy",
          "UpdatePolicy",
          "CreationPolicy");

  private static final String CFN_LINT_CHECK =
      "template.yaml checked by cfn-lint after the SAM transform";

  /** cfn-lint's findings per broken copy, from one run over all of them. */
  private static Map<String, List<CfnLint.Finding>> brokenFindings;

  private static Path templatePath() {
    return Repository.root().resolve("template.yaml");
  }

  private static Map<String, Object> template() throws IOException {
    return CloudFormationYaml.load(Files.readString(templatePath()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static Map<String, Map<String, Object>> functions(Map<String, Object> template) {
    Map<String, Map<String, Object>> functions = new LinkedHashMap<>();
    map(template.get("Resources"))
        .forEach(
            (id, resource) -> {
              if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                functions.put(id, map(resource));
              }
            });
    return functions;
  }

  /** A deep, independent copy to break. */
  private static Map<String, Object> copy(Map<String, Object> template) {
    return GSON.fromJson(GSON.toJson(template), new TypeToken<Map<String, Object>>() {}.getType());
  }

  private static Map<String, Object> resource(Map<String, Object> template, String id) {
    return map(map(template.get("Resources")).get(id));
  }

  private static Map<String, Object> properties(Map<String, Object> template, String id) {
    return map(resource(template, id).get("Properties"));
  }

  /** {@code Resource.Attribute} for each attribute that CloudFormation does not define. */
  static List<String> unknownResourceAttributes(Map<String, Object> template) {
    List<String> unknown = new ArrayList<>();
    map(template.get("Resources"))
        .forEach(
            (id, resource) ->
                map(resource).keySet().stream()
                    .filter(attribute -> !RESOURCE_ATTRIBUTES.contains(attribute))
                    .forEach(attribute -> unknown.add(id + "." + attribute)));
    return unknown;
  }

  @Test
  void cfnLintFindsNothingInTheTemplateAfterTheSamTransform() throws Exception {
    List<CfnLint.Finding> findings = CfnLint.lint(CFN_LINT_CHECK, List.of(templatePath()));

    assertEquals(List.of(), findings);
  }

  /**
   * Each broken copy of template.yaml, with the cfn-lint rule that must report it and a part of its
   * message.
   */
  static Stream<Arguments> brokenTemplates() {
    return Stream.of(
        Arguments.of(
            "unknown function property",
            (Consumer<Map<String, Object>>)
                template ->
                    properties(template, "ApiGatewayFunction")
                        .put(
                            "Handlr",
                            "io.github.goblinfish.examples.ApiGatewayHandler::handleRequest"),
            "E0001",
            "property Handlr not defined for resource of type AWS::Serverless::Function"),
        Arguments.of(
            "event source of an unknown type",
            (Consumer<Map<String, Object>>)
                template ->
                    map(map(properties(template, "ApiGatewayFunction").get("Events"))
                            .get("GetOrder"))
                        .put("Type", "Carrier-Pigeon"),
            "E0001",
            "Event Type is: Carrier-Pigeon"),
        Arguments.of(
            "misspelled queue property",
            (Consumer<Map<String, Object>>)
                template -> properties(template, "StockUpdatesQueue").put("VisibilityTimout", 30),
            "E3002",
            "'VisibilityTimout' was unexpected"),
        Arguments.of(
            "event source on a queue that does not exist",
            (Consumer<Map<String, Object>>)
                template ->
                    map(map(map(properties(template, "SqsBatchFunction").get("Events"))
                                .get("StockUpdates"))
                            .get("Properties"))
                        .put("Queue", Map.of("Fn::GetAtt", List.of("StockUpdatesQeue", "Arn"))),
            "E1010",
            "'StockUpdatesQeue' is not one of"),
        Arguments.of(
            "runtime Lambda does not offer",
            (Consumer<Map<String, Object>>)
                template ->
                    map(map(template.get("Globals")).get("Function")).put("Runtime", "java7"),
            "E3030",
            "'java7' is not one of"),
        Arguments.of(
            "memory size as text",
            (Consumer<Map<String, Object>>)
                template ->
                    map(map(template.get("Globals")).get("Function")).put("MemorySize", "lots"),
            "E3012",
            "'lots' is not of type 'integer'"));
  }

  /** Writes every broken copy (as JSON, which cfn-lint reads too) and lints them in one run. */
  private static synchronized Map<String, List<CfnLint.Finding>> brokenFindings() throws Exception {
    if (brokenFindings == null) {
      Path folder = Files.createTempDirectory("broken-templates");
      Map<Path, String> whatByFile = new LinkedHashMap<>();
      List<Arguments> cases = brokenTemplates().collect(Collectors.toList());
      for (int i = 0; i < cases.size(); i++) {
        Object[] arguments = cases.get(i).get();
        @SuppressWarnings("unchecked")
        Consumer<Map<String, Object>> breakIt = (Consumer<Map<String, Object>>) arguments[1];
        Map<String, Object> broken = copy(template());
        breakIt.accept(broken);
        Path file = folder.resolve("broken-" + i + ".json");
        Files.writeString(file, GSON.toJson(broken));
        whatByFile.put(file, (String) arguments[0]);
      }
      List<CfnLint.Finding> findings =
          CfnLint.lint(CFN_LINT_CHECK, new ArrayList<>(whatByFile.keySet()));
      Map<String, List<CfnLint.Finding>> byCase = new HashMap<>();
      whatByFile.values().forEach(what -> byCase.put(what, new ArrayList<>()));
      for (CfnLint.Finding finding : findings) {
        byCase.get(whatByFile.get(finding.template())).add(finding);
      }
      for (Path file : whatByFile.keySet()) {
        Files.delete(file);
      }
      Files.delete(folder);
      brokenFindings = byCase;
    }
    return brokenFindings;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTemplates")
  void cfnLintReportsEachBrokenCopy(
      String what, Consumer<Map<String, Object>> breakIt, String rule, String message)
      throws Exception {
    List<CfnLint.Finding> findings = brokenFindings().get(what);

    assertFalse(findings.isEmpty(), what + " must not pass cfn-lint");
    for (CfnLint.Finding finding : findings) {
      assertEquals(rule, finding.rule(), what + ": " + finding);
      assertTrue(finding.message().contains(message), what + ": " + finding);
    }
  }

  @Test
  void everyResourceHoldsOnlyCloudFormationResourceAttributes() throws IOException {
    assertEquals(List.of(), unknownResourceAttributes(template()));
  }

  /** cfn-lint passes this one: the SAM transform drops what it does not know. */
  @Test
  void aMisspelledResourceAttributeIsFound() throws IOException {
    Map<String, Object> broken = copy(template());
    resource(broken, "SqsBatchFunction").put("Propertes", Map.of("Timeout", 3));
    resource(broken, "StockUpdatesQueue").put("DependOn", "SqsBatchFunction");

    assertEquals(
        List.of("SqsBatchFunction.Propertes", "StockUpdatesQueue.DependOn"),
        unknownResourceAttributes(broken));
  }

  @Test
  void globalsGiveEveryFunctionTheSameRuntimeAndSize() throws IOException {
    Map<String, Object> template = template();
    assertEquals("2010-09-09", template.get("AWSTemplateFormatVersion"));
    assertEquals("AWS::Serverless-2016-10-31", template.get("Transform"));
    Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
    assertEquals("java21", globals.get("Runtime"));
    assertEquals(512, globals.get("MemorySize"));
    assertEquals(10, globals.get("Timeout"));
    assertEquals(List.of("x86_64"), globals.get("Architectures"));
  }

  @Test
  void everyFunctionIsBuiltByTheRootMakefile() throws IOException {
    Map<String, Map<String, Object>> functions = functions(template());
    assertEquals(EVENTS_BY_FUNCTION.keySet(), functions.keySet());
    functions.forEach(
        (id, function) -> {
          assertEquals(Map.of("BuildMethod", "makefile"), function.get("Metadata"), id);
          assertEquals(".", map(function.get("Properties")).get("CodeUri"), id);
        });
  }

  @Test
  void makefileHasABuildTargetForEveryFunction() throws Exception {
    Path root = Repository.root();
    for (String id : functions(template()).keySet()) {
      Process make;
      try {
        // -n prints the commands without running them: the target exists and resolves.
        make =
            new ProcessBuilder(
                    "make",
                    "-n",
                    "-C",
                    root.toString(),
                    "build-" + id,
                    "ARTIFACTS_DIR=/tmp/artifacts")
                .redirectErrorStream(true)
                .start();
      } catch (IOException noMake) {
        RequiredCheck.unavailable(
            "the root Makefile has a build target for every function",
            "make is not installed (" + noMake.getMessage() + ")");
        return;
      }
      String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(make.waitFor(30, TimeUnit.SECONDS), id);
      assertEquals(0, make.exitValue(), id + ": " + output);
      assertTrue(output.contains("mvnw"), output);
      assertTrue(output.contains("examples/target/classes/. \"/tmp/artifacts/\""), output);
      assertTrue(output.contains("examples/target/lib/*.jar \"/tmp/artifacts/lib/\""), output);
    }
  }

  @Test
  void everyHandlerIsALambdaHandlerTheRuntimeCanInstantiate() throws Exception {
    for (Map.Entry<String, Map<String, Object>> function : functions(template()).entrySet()) {
      String handler = handlerClass(function.getValue());
      Class<?> type = Class.forName(handler);
      assertTrue(
          RequestHandler.class.isAssignableFrom(type)
              || RequestStreamHandler.class.isAssignableFrom(type),
          handler + " implements RequestHandler or RequestStreamHandler");
      assertEquals(ApiGatewayHandler.class.getPackage(), type.getPackage(), handler);
      // The runtime needs a public no-argument constructor.
      assertDoesNotThrow(() -> type.getConstructor().newInstance(), handler);
    }
  }

  /**
   * Given a class alone, the Java runtime finds RequestHandler's type arguments through the class's
   * superclasses and deserializes the event into the first one. They must be concrete types: a type
   * variable would make it produce a LinkedHashMap.
   */
  @Test
  void everyEventTypeIsConcreteAsTheRuntimeResolvesIt() throws Exception {
    for (Map<String, Object> function : functions(template()).values()) {
      Class<?> type = Class.forName(handlerClass(function));
      if (RequestHandler.class.isAssignableFrom(type)) {
        List<Type> arguments = requestHandlerTypeArguments(type);
        assertEquals(2, arguments.size(), type.getName());
        for (Type argument : arguments) {
          assertFalse(
              argument instanceof TypeVariable, type.getName() + " resolves to " + arguments);
        }
      }
    }
    assertEquals(
        List.of(APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class),
        requestHandlerTypeArguments(ApiGatewayHandler.class));
  }

  /**
   * The class a Handler names, with or without "::method". Both forms are used:
   * ApiGatewayEmfFunction names the method, which TrackedRequestHandler supports (see
   * inheritedHandleRequestDeclaresATypeVariable).
   */
  private static String handlerClass(Map<String, Object> function) {
    String handler = (String) map(function.get("Properties")).get("Handler");
    int method = handler.indexOf("::");
    if (method >= 0) {
      assertEquals("handleRequest", handler.substring(method + 2), handler);
      return handler.substring(0, method);
    }
    return handler;
  }

  @Test
  void bothHandlerFormsAreUsedSoBothAreProvenEndToEnd() throws Exception {
    List<String> handlers = new ArrayList<>();
    for (Map<String, Object> function : functions(template()).values()) {
      handlers.add((String) map(function.get("Properties")).get("Handler"));
    }
    assertTrue(
        handlers.contains("io.github.goblinfish.examples.ApiGatewayHandler"), handlers.toString());
    assertTrue(
        handlers.contains("io.github.goblinfish.examples.ApiGatewayHandler::handleRequest"),
        handlers.toString());
  }

  /**
   * Why "::handleRequest" needs the handler's help: by method name, the runtime reads the event
   * type from the method's declared parameter, which for a tracked handler is the base class's type
   * variable. So TrackedRequestHandler also declares handleRequest(InputStream, OutputStream,
   * Context), which the runtime prefers, and which reads the event as the class form does.
   */
  @Test
  void inheritedHandleRequestDeclaresATypeVariable() throws Exception {
    Method handleRequest =
        Stream.of(ApiGatewayHandler.class.getMethods())
            .filter(
                method ->
                    method.getName().equals("handleRequest")
                        && method.getParameterCount() == 2
                        && !method.isBridge())
            .findFirst()
            .orElseThrow();

    assertTrue(handleRequest.getGenericParameterTypes()[0] instanceof TypeVariable);
  }

  /** RequestHandler's type arguments for {@code type}, following its generic superclasses. */
  private static List<Type> requestHandlerTypeArguments(Class<?> type) {
    Map<TypeVariable<?>, Type> bound = new HashMap<>();
    Class<?> current = type;
    while (current != null) {
      for (Type implemented : current.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType
            && ((ParameterizedType) implemented).getRawType() == RequestHandler.class) {
          return Stream.of(((ParameterizedType) implemented).getActualTypeArguments())
              .map(argument -> bound.getOrDefault(argument, argument))
              .collect(Collectors.toList());
        }
      }
      Type superclass = current.getGenericSuperclass();
      if (superclass instanceof ParameterizedType) {
        ParameterizedType parameterized = (ParameterizedType) superclass;
        Class<?> raw = (Class<?>) parameterized.getRawType();
        TypeVariable<?>[] variables = raw.getTypeParameters();
        Type[] arguments = parameterized.getActualTypeArguments();
        for (int i = 0; i < variables.length; i++) {
          bound.put(variables[i], bound.getOrDefault(arguments[i], arguments[i]));
        }
        current = raw;
      } else {
        current = (Class<?>) superclass;
      }
    }
    return List.of();
  }

  @Test
  void everyFunctionHasSampleEventsAndEveryEventBelongsToAFunction() throws IOException {
    for (Map.Entry<String, List<String>> function : EVENTS_BY_FUNCTION.entrySet()) {
      assertFalse(function.getValue().isEmpty(), function.getKey());
      for (String file : function.getValue()) {
        Path event = Repository.events().resolve(file);
        assertTrue(Files.isRegularFile(event), "missing " + event);
        assertTrue(GSON.fromJson(Files.readString(event), Object.class) instanceof Map, file);
      }
    }
    Set<String> listed =
        EVENTS_BY_FUNCTION.values().stream().flatMap(List::stream).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(Repository.events())) {
      Set<String> present =
          files.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
      assertEquals(listed, present, "every file in events/ is mapped to its function here");
    }
  }

  @Test
  void eventSourcesMatchTheHandlers() throws IOException {
    Map<String, Object> template = template();
    Map<String, Object> api =
        map(
            map(map(map(map(template.get("Resources")).get("ApiGatewayFunction")).get("Properties"))
                    .get("Events"))
                .get("GetOrder"));
    assertEquals("Api", api.get("Type"));
    assertEquals(Map.of("Path", "/orders/{id}", "Method", "get"), api.get("Properties"));

    Map<String, Object> sqs =
        map(
            map(map(map(map(template.get("Resources")).get("SqsBatchFunction")).get("Properties"))
                    .get("Events"))
                .get("StockUpdates"));
    assertEquals("SQS", sqs.get("Type"));
    Map<String, Object> sqsProperties = map(sqs.get("Properties"));
    // Without it Lambda ignores the handler's batchItemFailures and retries whole batches.
    assertEquals(List.of("ReportBatchItemFailures"), sqsProperties.get("FunctionResponseTypes"));
    assertEquals(
        Map.of("Fn::GetAtt", List.of("StockUpdatesQueue", "Arn")), sqsProperties.get("Queue"));
    assertEquals(
        "AWS::SQS::Queue",
        map(map(template.get("Resources")).get("StockUpdatesQueue")).get("Type"));
  }

  @Test
  void logFormatsIncludeTextAndJsonAndTrackerVariablesAreAccepted() throws IOException {
    Map<String, Object> template = template();
    Map<String, Object> globalVariables =
        map(
            map(map(map(template.get("Globals")).get("Function")).get("Environment"))
                .get("Variables"));
    Set<String> formats = new HashSet<>();
    functions(template)
        .forEach(
            (id, function) -> {
              Map<String, Object> properties = map(function.get("Properties"));
              formats.add((String) map(properties.get("LoggingConfig")).get("LogFormat"));

              Map<String, Object> variables = new LinkedHashMap<>(globalVariables);
              Object environment = properties.get("Environment");
              if (environment != null) {
                variables.putAll(map(map(environment).get("Variables")));
              }
              // A TRACKER_* variable the library does not read is a typo; a value it rejects
              // would fail every cold start of the function.
              variables.keySet().stream()
                  .filter(name -> name.startsWith("TRACKER_"))
                  .forEach(
                      name ->
                          assertTrue(
                              HandlerConfig.ENVIRONMENT_VARIABLES.contains(name),
                              id + ": " + name));
              assertDoesNotThrow(
                  () ->
                      HandlerConfig.builder()
                          .environment(name -> (String) variables.get(name))
                          .build(),
                  id);
            });
    assertEquals(Set.of("Text", "JSON"), formats);
  }
}
