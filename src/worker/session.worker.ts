import * as Comlink from 'comlink';
import { installErrorTransfer } from './error_transfer';
import { LfmSession } from './session';

installErrorTransfer();
Comlink.expose(new LfmSession());
