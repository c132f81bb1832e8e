import type { ChatApi } from "../chat-api.js";
import { anthropicMessages } from "./anthropic/api.js";
import { openAiChat } from "./openai/api.js";

/** Every chat API the proxy guards; each gets a route of its own. */
export const CHAT_APIS: readonly ChatApi[] = [openAiChat, anthropicMessages];
