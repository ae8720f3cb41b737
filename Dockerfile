# Build with the SDK, run on the ASP.NET runtime image as a non-root user; the SQLite file lives on a volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props Bot.sln ./
COPY Bot.Domain/Bot.Domain.csproj Bot.Domain/
COPY Bot/Bot.csproj Bot/
RUN dotnet restore Bot/Bot.csproj
COPY Bot.Domain/ Bot.Domain/
COPY Bot/ Bot/
RUN dotnet publish Bot/Bot.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /data && chown app:app /data
USER app
VOLUME /data
# The feeds and /healthz: listen on every interface inside the container; set Bot__PublicUrl to the address
# members reach it at (behind a TLS proxy, say).
EXPOSE 8080
ENV ConnectionStrings__Bot="Data Source=/data/bot.db" \
    Urls="http://+:8080" \
    DOTNET_gcServer=0
ENTRYPOINT ["dotnet", "Bot.dll"]
