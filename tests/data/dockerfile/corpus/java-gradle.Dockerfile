FROM gradle:8.6-jdk17 AS builder
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon

FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S app && adduser -S -G app -u 10001 app
COPY --from=builder /home/gradle/project/build/libs/app.jar /opt/app/app.jar
USER 10001
ENTRYPOINT ["java", "-jar", "/opt/app/app.jar"]
