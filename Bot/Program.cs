using Bot.Hosting;

return await BotProgram.Run(args);
