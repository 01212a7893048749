package io.github.goblinfish.metrics.trackers.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path template = dir.resolve("template.yaml");
    Files.writeString(template, yaml);
    return template;
  }

  private Path builtModule(String name) throws IOException {
    Path module = dir.resolve(name);
    Files.createDirectories(module.resolve("target/classes"));
    Files.createDirectories(module.resolve("target/lib"));
    Files.writeString(module.resolve("pom.xml"), "<project/>");
    Files.writeString(module.resolve("target/lib/b.jar"), "");
    Files.writeString(module.resolve("target/lib/a.jar"), "");
    return module;
  }

  @Test
  void shortTagsBecomeLongForms() throws Exception {
    Path template =
        write(
            """
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B::handle
                  CodeUri: code
                  Things:
                    ref: !Ref Bucket
                    sub: !Sub "${AWS::Region}-x"
                    att: !GetAtt Queue.Arn
                    attList: !GetAtt [Queue, Arn]
                    join: !Join [",", [a, b]]
                    if: !If [IsProd, 1, 2]
                    select: !Select [0, !GetAZs ""]
                    split: !Split [",", "a,b"]
                    map: !FindInMap [M, K, V]
                    imp: !ImportValue Shared
                    eq: !Equals [a, b]
                    not: !Not [!Condition IsProd]
                    and: !And [!Condition A, !Condition B]
                    or: !Or [!Condition A, !Condition B]
                    b64: !Base64 text
                    cidr: !Cidr ["10.0.0.0/16", 4, 8]
            """);
    Files.createDirectories(dir.resolve("code"));
    @SuppressWarnings("unchecked")
    Map<String, Object> things =
        (Map<String, Object>) Template.load(template).properties("Fn").get("Things");
    assertEquals(Map.of("Ref", "Bucket"), things.get("ref"));
    assertEquals(Map.of("Fn::Sub", "${AWS::Region}-x"), things.get("sub"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), things.get("att"));
    assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), things.get("attList"));
    assertEquals(Map.of("Fn::Join", List.of(",", List.of("a", "b"))), things.get("join"));
    assertEquals(Map.of("Fn::If", List.of("IsProd", 1, 2)), things.get("if"));
    assertEquals(Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", ""))), things.get("select"));
    assertEquals(Map.of("Fn::Split", List.of(",", "a,b")), things.get("split"));
    assertEquals(Map.of("Fn::FindInMap", List.of("M", "K", "V")), things.get("map"));
    assertEquals(Map.of("Fn::ImportValue", "Shared"), things.get("imp"));
    assertEquals(Map.of("Fn::Equals", List.of("a", "b")), things.get("eq"));
    assertEquals(Map.of("Fn::Not", List.of(Map.of("Condition", "IsProd"))), things.get("not"));
    assertEquals(
        Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))),
        things.get("and"));
    assertEquals(
        Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B"))),
        things.get("or"));
    assertEquals(Map.of("Fn::Base64", "text"), things.get("b64"));
    assertEquals(Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)), things.get("cidr"));
  }

  @Test
  void globalsMergeWithTheFunctionWinning() throws Exception {
    builtModule("orders");
    Path template =
        write(
            """
            Parameters:
              Stage: {Type: String, Default: dev}
            Globals:
              Function:
                Runtime: java17
                CodeUri: orders
                Timeout: 30
                MemorySize: 512
                LoggingConfig:
                  LogFormat: JSON
                Environment:
                  Variables:
                    SHARED: global
                    OVERRIDDEN: global
                    REGION: !Ref AWS::Region
            Resources:
              Orders:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: com.example.Orders::handleRequest
                  Timeout: 7
                  LoggingConfig:
                    ApplicationLogLevel: DEBUG
                  Environment:
                    Variables:
                      OVERRIDDEN: function
                      TABLE: !Sub "orders-${Stage}"
                      ACCOUNT: !Sub "${AWS::AccountId}"
                      PORT: 8080
                      QUEUE: !GetAtt Queue.QueueUrl
              Queue:
                Type: AWS::SQS::Queue
            """);
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn = Template.load(template).function("Orders", warnings::add);
    assertEquals("com.example.Orders::handleRequest", fn.handler());
    assertEquals("java17", fn.runtime());
    assertEquals(Duration.ofSeconds(7), fn.timeout());
    assertEquals(512, fn.memoryMb());
    assertEquals("JSON", fn.logFormat());
    assertEquals("DEBUG", fn.logLevel());
    assertEquals(
        Map.of(
            "SHARED",
            "global",
            "OVERRIDDEN",
            "function",
            "REGION",
            "us-east-1",
            "TABLE",
            "orders-dev",
            "ACCOUNT",
            "123456789012",
            "PORT",
            "8080"),
        fn.environment());
    assertEquals(
        List.of(
            "warning: Orders: environment variable QUEUE = {Fn::GetAtt=[Queue, QueueUrl]}"
                + " cannot be resolved locally; left out"),
        warnings);
    Path module = dir.resolve("orders").toAbsolutePath();
    assertEquals(module.resolve("target/classes"), fn.taskRoot());
    assertEquals(
        List.of(
            module.resolve("target/classes"),
            module.resolve("target/lib/a.jar"),
            module.resolve("target/lib/b.jar")),
        fn.classpath());
  }

  @Test
  void defaultsAreLambdas() throws Exception {
    builtModule("code");
    FunctionSpec fn =
        Template.load(
                write(
                    """
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties: {Handler: a.B, CodeUri: code}
                    """))
            .function("Fn", w -> {});
    assertEquals("java21", fn.runtime());
    assertEquals(Duration.ofSeconds(3), fn.timeout());
    assertEquals(128, fn.memoryMb());
    assertEquals("Text", fn.logFormat());
    assertEquals(null, fn.logLevel());
    assertEquals(Map.of(), fn.environment());
  }

  @Test
  void reactorRootCodeUriUsesTheModuleHoldingTheHandler() throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project/>");
    Path examples = builtModule("examples");
    Files.createDirectories(examples.resolve("target/classes/com/example"));
    Files.writeString(examples.resolve("target/classes/com/example/Api.class"), "");
    builtModule("library");
    Template template =
        Template.load(
            write(
                """
                Resources:
                  Api:
                    Type: AWS::Serverless::Function
                    Metadata: {BuildMethod: makefile}
                    Properties: {Handler: com.example.Api::handleRequest, CodeUri: .}
                  Gone:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: com.example.Gone::handleRequest, CodeUri: .}
                """));
    FunctionSpec fn = template.function("Api", w -> {});
    Path module = examples.toAbsolutePath();
    assertEquals(module.resolve("target/classes"), fn.taskRoot());
    assertEquals(
        List.of(
            module.resolve("target/classes"),
            module.resolve("target/lib/a.jar"),
            module.resolve("target/lib/b.jar")),
        fn.classpath());
    LocalInvokeException e =
        assertThrows(LocalInvokeException.class, () -> template.function("Gone", w -> {}));
    assertTrue(e.getMessage().startsWith("function 'Gone' is not built ("), e.getMessage());
  }

  @Test
  void aJarCodeUriIsUnpackedLikeAZipAsLambdaUnpacksBoth() throws Exception {
    Files.writeString(dir.resolve("fn.jar"), "");
    FunctionSpec fn =
        Template.load(
                write(
                    """
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties: {Handler: a.B, CodeUri: fn.jar}
                    """))
            .function("Fn", w -> {});
    assertEquals(dir.resolve("fn.jar").toAbsolutePath(), fn.zip());
    assertEquals(List.of(), fn.classpath());
  }

  @Test
  void aFolderWithoutJarsInLibIsWarnedAboutNamingTheFolderExpected() throws Exception {
    Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("module/target/classes"));
    Files.createDirectories(dir.resolve("module/target/lib"));
    Template template =
        Template.load(
            write(
                """
                Resources:
                  TaskRoot:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: root}
                  Module:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: module}
                """));
    List<String> warnings = new ArrayList<>();
    template.function("TaskRoot", warnings::add);
    template.function("Module", warnings::add);
    String consequence =
        "; a Lambda zip carries the function's runtime dependencies there, so a function that has"
            + " any fails with NoClassDefFoundError";
    assertEquals(
        List.of(
            "warning: TaskRoot: no jars in "
                + dir.resolve("root/lib").toAbsolutePath()
                + " (missing)"
                + consequence,
            "warning: Module: no jars in "
                + dir.resolve("module/target/lib").toAbsolutePath()
                + consequence),
        warnings);
  }

  @Test
  void aFolderWithJarsInLibIsNotWarnedAbout() throws Exception {
    Files.createDirectories(dir.resolve("root/lib"));
    Files.writeString(dir.resolve("root/lib/dependency.jar"), "");
    List<String> warnings = new ArrayList<>();
    FunctionSpec fn =
        Template.load(
                write(
                    """
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties: {Handler: a.B, CodeUri: root}
                    """))
            .function("Fn", warnings::add);
    assertEquals(List.of(), warnings);
    Path root = dir.resolve("root").toAbsolutePath();
    assertEquals(List.of(root, root.resolve("lib/dependency.jar")), fn.classpath());
  }

  @Test
  void theCodeGivenInsteadOfTheCodeUriIsUsedAsItsFolder() throws Exception {
    Files.createDirectories(dir.resolve("built/lib"));
    Files.writeString(dir.resolve("built/lib/dependency.jar"), "");
    FunctionSpec fn =
        Template.load(
                write(
                    """
                    Resources:
                      Fn:
                        Type: AWS::Serverless::Function
                        Properties: {Handler: a.B, CodeUri: not-there}
                    """))
            .function("Fn", w -> {}, dir.resolve("built"));
    Path built = dir.resolve("built").toAbsolutePath();
    assertEquals(built, fn.taskRoot());
    assertEquals(List.of(built, built.resolve("lib/dependency.jar")), fn.classpath());
  }

  @Test
  void notBuiltMessagesNameTheProjectsOwnBuild() throws Exception {
    Path maven = Files.createDirectories(dir.resolve("maven/src"));
    Files.writeString(dir.resolve("maven/pom.xml"), "<project/>");
    Path wrapped = Files.createDirectories(dir.resolve("wrapped/src"));
    Files.writeString(dir.resolve("wrapped/mvnw"), "");
    Files.writeString(dir.resolve("wrapped/pom.xml"), "<project/>");
    Path gradle = Files.createDirectories(dir.resolve("gradle/src"));
    Files.writeString(dir.resolve("gradle/build.gradle.kts"), "");
    Path gradlew = Files.createDirectories(dir.resolve("gradlew/src"));
    Files.writeString(dir.resolve("gradlew/gradlew"), "");
    assertEquals(
        "build it first (mvn package in " + dir.resolve("maven") + ")", Template.buildHint(maven));
    assertEquals(
        "build it first (./mvnw package in " + dir.resolve("wrapped") + ")",
        Template.buildHint(wrapped));
    assertEquals(
        "build it first (gradle build in " + dir.resolve("gradle") + ")",
        Template.buildHint(gradle));
    assertEquals(
        "build it first (./gradlew build in " + dir.resolve("gradlew") + ")",
        Template.buildHint(gradlew));
  }

  @Test
  void aMissingZipNamesTheBuildOfTheFolderItShouldBeIn() throws Exception {
    Files.writeString(dir.resolve("build.gradle"), "");
    LocalInvokeException e =
        assertThrows(
            LocalInvokeException.class,
            () ->
                Template.load(
                        write(
                            """
                            Resources:
                              Fn:
                                Type: AWS::Serverless::Function
                                Properties: {Handler: a.B, CodeUri: build/distributions/fn.zip}
                            """))
                    .function("Fn", w -> {}));
    Path zip = dir.resolve("build/distributions/fn.zip").toAbsolutePath();
    assertEquals(
        "function 'Fn': CodeUri "
            + zip
            + " does not exist; build it first (gradle build in "
            + dir.toAbsolutePath()
            + ")",
        e.getMessage());
  }

  @Test
  void unknownFunctionListsTheKnownOnes() throws Exception {
    Template template =
        Template.load(
            write(
                """
                Resources:
                  B:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: code}
                  A:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: code}
                  Table:
                    Type: AWS::DynamoDB::Table
                """));
    LocalInvokeException e =
        assertThrows(LocalInvokeException.class, () -> template.function("Nope", w -> {}));
    assertEquals(
        "function 'Nope' not found in " + dir.resolve("template.yaml") + "; known functions: B, A",
        e.getMessage());
    assertEquals(2, e.exitCode());
  }

  @Test
  void yamlErrorsNameTheLine() throws Exception {
    Path template =
        write("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n   Properties: [\n");
    LocalInvokeException e =
        assertThrows(LocalInvokeException.class, () -> Template.load(template));
    assertTrue(
        e.getMessage().startsWith("invalid template " + template + ": line 4, column 4:"),
        e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  @Test
  void missingTemplateAndUnbuiltCodeAreOneLineErrors() throws Exception {
    LocalInvokeException missing =
        assertThrows(LocalInvokeException.class, () -> Template.load(dir.resolve("nope.yaml")));
    assertEquals(
        "template " + dir.resolve("nope.yaml") + " not found (use --template to point at one)",
        missing.getMessage());

    Files.createDirectories(dir.resolve("code"));
    Files.writeString(dir.resolve("code/pom.xml"), "<project/>");
    Template template =
        Template.load(
            write(
                """
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {Handler: a.B, CodeUri: code}
                  NoHandler:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: code}
                """));
    LocalInvokeException unbuilt =
        assertThrows(LocalInvokeException.class, () -> template.function("Fn", w -> {}));
    assertEquals(
        "function 'Fn' is not built ("
            + dir.resolve("code/target/classes").toAbsolutePath()
            + " is missing); build it first (mvn package in "
            + dir.resolve("code").toAbsolutePath()
            + ")",
        unbuilt.getMessage());
    LocalInvokeException noHandler =
        assertThrows(LocalInvokeException.class, () -> template.function("NoHandler", w -> {}));
    assertEquals(
        "function 'NoHandler' in " + dir.resolve("template.yaml") + " has no Handler",
        noHandler.getMessage());
  }
}
