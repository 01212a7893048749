package io.github.goblinfish.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
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

/** template.yaml against the SAM schema, the examples module, the Makefile and events/. */
class TemplateTest {
  private static final Gson GSON = new Gson();

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

  /** The SAM schema is 750 KB: read and compiled once for the whole class. */
  private static Schema samSchema;

  private static Path schemaPath() {
    return Repository.root().resolve("../shared/reference/sam.schema.json").normalize();
  }

  private static synchronized Schema samSchema() throws IOException {
    Path path = schemaPath();
    assumeTrue(
        Files.isRegularFile(path),
        "SAM schema not found at " + path + "; schema validation skipped");
    if (samSchema == null) {
      samSchema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
              .getSchema(Files.readString(path), InputFormat.JSON);
    }
    return samSchema;
  }

  private static Map<String, Object> template() throws IOException {
    return CloudFormationYaml.load(Files.readString(Repository.root().resolve("template.yaml")));
  }

  private static List<Error> validate(Map<String, Object> template) throws IOException {
    return samSchema().validate(GSON.toJson(template), InputFormat.JSON);
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

  @Test
  void templateIsValidAgainstTheSamSchema() throws IOException {
    List<Error> errors = validate(template());

    assertEquals(List.of(), errors);
  }

  static Stream<Arguments> brokenTemplates() {
    return Stream.of(
        Arguments.of(
            "unknown function property",
            (Consumer<Map<String, Object>>)
                template ->
                    map(map(map(template.get("Resources")).get("ApiGatewayFunction"))
                            .get("Properties"))
                        .put(
                            "Handlr",
                            "io.github.goblinfish.examples.ApiGatewayHandler::handleRequest")),
        Arguments.of(
            "unknown resource attribute",
            (Consumer<Map<String, Object>>)
                template ->
                    map(map(template.get("Resources")).get("SqsBatchFunction"))
                        .put("Propertes", Map.of("Timeout", 3))),
        Arguments.of(
            "event source of an unknown type",
            (Consumer<Map<String, Object>>)
                template ->
                    map(map(map(map(map(template.get("Resources")).get("ApiGatewayFunction"))
                                    .get("Properties"))
                                .get("Events"))
                            .get("GetOrder"))
                        .put("Type", "Carrier-Pigeon")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTemplates")
  void brokenCopyFailsValidation(String what, Consumer<Map<String, Object>> breakIt)
      throws IOException {
    Map<String, Object> broken = copy(template());
    breakIt.accept(broken);

    assertFalse(validate(broken).isEmpty(), what + " must not pass the schema");
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
        assumeTrue(false, "make is not installed: " + noMake.getMessage());
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
   * The class a Handler names, with or without "::method". Both forms are used: ApiGatewayEmfFunction
   * names the method, which TrackedRequestHandler supports (see inheritedHandleRequestDeclaresATypeVariable).
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
    assertTrue(handlers.contains("io.github.goblinfish.examples.ApiGatewayHandler"), handlers.toString());
    assertTrue(
        handlers.contains("io.github.goblinfish.examples.ApiGatewayHandler::handleRequest"),
        handlers.toString());
  }

  /**
   * Why "::handleRequest" needs the handler's help: by method name, the runtime reads the event
   * type from the method's declared parameter, which for a tracked handler is the base class's type
   * variable, and hands over a Map that TrackedRequestHandler turns into the declared event type.
   */
  @Test
  void inheritedHandleRequestDeclaresATypeVariable() throws Exception {
    Method handleRequest =
        Stream.of(ApiGatewayHandler.class.getMethods())
            .filter(method -> method.getName().equals("handleRequest") && !method.isBridge())
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
