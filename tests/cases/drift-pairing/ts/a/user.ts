export interface IAccount {
  plan: string;
}

export interface IUser {
  id: string;
  account: IAccount | null;
}

export interface Settings {
  colour: string;
}

export interface NoTags {
  Theme: string;
  Size: string;
}
