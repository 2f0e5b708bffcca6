// The comparison point of the consultation load test (issue 4: "4x a botbuilder-js echo bot that does none of this"):
// the Bot Builder JS 4.23 echo bot as its samples write it (restify + CloudAdapter), authentication on, configured
// from the environment exactly like our bot in bench/load-messages.sh (user-assigned managed identity through the
// loopback IDENTITY_ENDPOINT, channel tokens checked against the loopback OpenID metadata).
const restify = require('restify');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(process.env));
adapter.onTurnError = async (context, error) => {
    console.error(error);
    await context.sendActivity('error');
};

class EchoBot extends ActivityHandler {
    constructor() {
        super();
        this.onMessage(async (context, next) => {
            await context.sendActivity(`Echo: ${context.activity.text}`);
            await next();
        });
    }
}

const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`echo bot on ${server.url}`));
