// Child process for EdgeCc.Agent.Tests.Store.CrashTests: writes store transactions shaped like
// SummaryStore.Add (a record, an outbox row and the sequence counter in one transaction) as fast
// as it can and prints "committed N" after each commit, until the test kills it with SIGKILL.
// usage: dotnet run tests/tools/store-crash-writer.cs -- DB_PATH
#:package LiteDB
#:property InvariantGlobalization=true
#:property PublishAot=false
using System.Globalization;
using LiteDB;

using var db = new LiteDatabase(new ConnectionString { Filename = args[0], Connection = ConnectionType.Direct });
var payload = new byte[900];
for (long n = 1; ; n++)
{
    db.BeginTrans();
    db.GetCollection("summaries", BsonAutoId.Int64).Insert(new BsonDocument { ["callId"] = "crash-" + n, ["storedAt"] = n, ["payload"] = payload });
    db.GetCollection("outbox").Insert(new BsonDocument { ["_id"] = n, ["topic"] = "calls", ["payload"] = payload, ["createdAt"] = n });
    db.GetCollection("counters").Upsert(new BsonDocument { ["_id"] = "outbox.sequence", ["value"] = n });
    db.Commit();
    Console.WriteLine("committed " + n.ToString(CultureInfo.InvariantCulture));
}
